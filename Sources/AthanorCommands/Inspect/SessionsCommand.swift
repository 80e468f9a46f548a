import ArgumentParser

/// `athanor sessions`: what was run, newest first, with the session ids `replay` takes.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List stored sessions (REPL, script, replay), newest first.")

    @Option(help: "How many sessions to list.")
    var limit = 20

    @Option(help: "Output format: text or json (one document; docs/json.md).")
    var format: RunCommand.OutputFormat = .text

    func run() async throws {
        try await Browsing.run { [limit, format] inspector in
            switch format {
            case .text: try await inspector.sessions(limit: max(1, limit))
            case .json: Browsing.print(try await inspector.sessionsJSON(limit: max(1, limit)))
            }
        }
    }
}
