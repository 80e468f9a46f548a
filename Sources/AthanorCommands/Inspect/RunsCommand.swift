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

    @Option(help: "Output format: text or json (one document; docs/json.md).")
    var format: RunCommand.OutputFormat = .text

    func validate() throws {
        do { _ = try Browsing.parse(status, as: RunStatus.self, option: "--status") } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let status = try Browsing.parse(status, as: RunStatus.self, option: "--status")
        try await Browsing.run { [session, limit, format] inspector in
            switch format {
            case .text: try await inspector.runs(session: session, status: status, limit: max(1, limit))
            case .json:
                Browsing.print(try await inspector.runsJSON(session: session, status: status, limit: max(1, limit)))
            }
        }
    }
}
