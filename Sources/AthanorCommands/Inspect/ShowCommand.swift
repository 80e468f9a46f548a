import ArgumentParser
import AthanorCore

/// `athanor show RUN`: one run in full: definition, status, totals, results, recent logs.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a stored run: definition, status, totals, results and recent logs.")

    @ArgumentParser.Argument(help: "The run id.")
    var run: Int64

    @Flag(help: "List the stored outcomes of the assertions checked against the run, instead of the run.")
    var asserts = false

    @Flag(help: "Show every answer's tokens with their top alternatives.")
    var tokens = false

    @Option(help: "Alternatives shown per token with --tokens.")
    var top = 5

    @Option(help: "Points listed in full, in plan order (the totals count every one; export writes them all).")
    var points = Inspector.shownPoints

    @Option(
        help: "Output format: text or json (the stored run, every stored result and the recent logs; docs/json.md).")
    var format: RunCommand.OutputFormat = .text

    func validate() throws {
        guard points >= 0 else { throw ValidationError("--points must be 0 or more") }
    }

    func run() async throws {
        let (id, tokens, points, json, asserts) = (run, tokens, points, format == .json, asserts)
        try await Browsing.run(top: top) { inspector in
            if asserts, json {
                let destination = try ExportDestination(path: nil)
                try destination.write(try await inspector.assertionsJSON(run: id) + "\n")
                try destination.finish()
            } else if asserts {
                try await inspector.assertions(run: id)
            } else if json {
                let destination = try ExportDestination(path: nil)
                try await inspector.showJSON(run: id) { try destination.write($0) }
                try destination.write("\n")
                try destination.finish()
            } else {
                try await inspector.show(run: id, tokens: tokens, points: points)
            }
        }
    }
}
