import ArgumentParser
import AthanorCore

/// `athanor show RUN`: one run in full: definition, status, totals, results, recent logs.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a stored run: definition, status, totals, results and recent logs.")

    @ArgumentParser.Argument(help: "The run id.")
    var run: Int64

    @Flag(help: "Show every answer's tokens with their top alternatives.")
    var tokens = false

    @Option(help: "Alternatives shown per token with --tokens.")
    var top = 5

    @Option(help: "Output format: text or json (the stored run, every stored result and the recent logs).")
    var format: RunCommand.OutputFormat = .text

    func run() async throws {
        let (id, tokens, json) = (run, tokens, format == .json)
        try await Browsing.run(top: top) { inspector in
            if json {
                StandardStreams.out(try await inspector.showJSON(run: id).serialized() + "\n")
            } else {
                try await inspector.show(run: id, tokens: tokens)
            }
        }
    }
}
