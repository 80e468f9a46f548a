import ArgumentParser

/// `athanor sessions`: what was run, newest first, with the session ids `replay` takes.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List stored sessions (REPL, script, replay), newest first.")

    @Option(help: "How many sessions to list.")
    var limit = 20

    func run() async throws {
        try await Browsing.run { [limit] inspector in try await inspector.sessions(limit: max(1, limit)) }
    }
}
