import ArgumentParser
import AthanorCore

/// `athanor runs`: stored runs, newest first, optionally one session's or one status's.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List stored runs, newest first.")

    @Option(help: "Only this session's runs.")
    var session: Int64?

    @Option(help: "Only runs with this status (pending, running, completed, failed, cancelled, interrupted).")
    var status: String?

    @Option(help: "How many runs to list.")
    var limit = 20

    func validate() throws {
        do { _ = try Browsing.parse(status, as: RunStatus.self, option: "--status") } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let status = try Browsing.parse(status, as: RunStatus.self, option: "--status")
        try await Browsing.run { [session, limit] inspector in
            try await inspector.runs(session: session, status: status, limit: max(1, limit))
        }
    }
}
