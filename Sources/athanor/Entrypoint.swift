import AthanorCommands

@main
struct Entrypoint {
    static func main() async {
        await Athanor.runFromCommandLine()
    }
}
