// athanor-sim: OpenRouter's wire format on loopback, for tests, the demo and benchmarks.
import AthanorSimulator

SimulatorMain.run(arguments: Array(CommandLine.arguments.dropFirst()))
