import AthanorCommands
import AthanorCore

@main
struct Entrypoint {
    static func main() async {
        // Concurrency is bounded by open files: use all the system grants (runs clamp to it).
        OpenFileLimit.raiseToHardLimit()
        await Athanor.runFromCommandLine()
    }
}
