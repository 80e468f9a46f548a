import ArgumentParser
import AthanorCore
import Foundation
import PostgresStore

/// `athanor db status|start|stop|migrate`: the database behind the runs.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Show, start, stop or migrate athanor's database.",
        discussion: """
            With DATABASE_URL (or libpq's PG* variables) athanor uses that server; otherwise it keeps its own \
            private PostgreSQL cluster in $XDG_DATA_HOME/athanor/postgres (~/.local/share/athanor/postgres).
            """
    )

    @ArgumentParser.Argument(help: "status, start, stop or migrate.")
    var action: Action = .status

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case status, start, stop, migrate
    }

    @Option(help: "Output format of 'db status': text or json (one document; docs/json.md).")
    var format: RunCommand.OutputFormat = .text

    func validate() throws {
        if format == .json && action != .status { throw ValidationError("--format json is for 'db status' only") }
    }

    func run() async throws {
        let services = ServiceFactory(environment: ProcessInfo.processInfo.environment)
        do {
            switch action {
            case .status:
                // What was found is printed even when nothing answers there (then exit 3).
                let report = try DatabaseReport.probe(services)
                switch format {
                case .text: StandardStreams.out(report.lines.joined(separator: "\n") + "\n")
                case .json: StandardStreams.out(report.jsonValue.serialized() + "\n")
                }
                if let failure = report.failure { throw NothingAnswers(description: failure) }
            case .start:
                guard case .privateCluster(let cluster) = services.location else {
                    StandardStreams.out("athanor uses \(services.databaseDescription); nothing to start\n")
                    return
                }
                let report = try cluster.start()
                StandardStreams.out("\(report)\n")
            case .stop:
                guard case .privateCluster(let cluster) = services.location else {
                    StandardStreams.out(
                        "athanor uses \(services.databaseDescription); not stopping a server it does not own\n")
                    return
                }
                try cluster.stop()
                StandardStreams.out("stopped the private cluster in \(cluster.directory)\n")
            case .migrate:
                let store = try await services.postgresStore()
                let applied = store.appliedMigrations
                StandardStreams.out(
                    applied.isEmpty ? "the schema is up to date\n" : "applied: \(applied.joined(separator: ", "))\n")
            }
        } catch {
            StandardStreams.error("athanor: \(error)\n")
            throw ExitStatus.serviceFailed.exitCode
        }
    }

    /// No server answered where the runs are stored.
    private struct NothingAnswers: Error, CustomStringConvertible {
        var description: String
    }
}
