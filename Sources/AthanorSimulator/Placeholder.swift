// AthanorSimulator
