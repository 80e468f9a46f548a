// AthanorCommands
