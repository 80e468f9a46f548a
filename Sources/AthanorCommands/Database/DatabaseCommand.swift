import ArgumentParser
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

    func run() async throws {
        let services = ServiceFactory(environment: ProcessInfo.processInfo.environment)
        do {
            switch action {
            case .status:
                do {
                    StandardStreams.out(try describe(services) + "\n")
                } catch let failure as NothingAnswers {
                    StandardStreams.out(failure.lines.joined(separator: "\n") + "\n")
                    throw failure
                }
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

    /// Where the database is and, when a server should answer there, what it says: its version and
    /// how far its schema is migrated. Exits 3 when nothing answers where runs would be stored.
    private func describe(_ services: ServiceFactory) throws -> String {
        var lines: [String]
        let conninfo: String
        switch services.location {
        case .privateCluster(let cluster):
            let state = try cluster.status()
            let status: String
            switch state {
            case .notInitialized: status = "not created yet (it is created on first use, or with 'athanor db start')"
            case .stopped: status = "stopped (it is started on first use, or with 'athanor db start')"
            case .running: status = "running"
            }
            lines = ["private cluster in \(cluster.directory): \(status)", "connection: \(cluster.connectionString)"]
            // A cluster that is not running is not started just to be described.
            guard case .running = state else { return lines.joined(separator: "\n") }
            conninfo = cluster.connectionString
        case .url(let url):
            lines = [services.databaseDescription]
            conninfo = url
        case .libpqEnvironment:
            lines = [services.databaseDescription]
            conninfo = ""
        }
        do {
            let status = try DatabaseStatus.probe(conninfo: conninfo)
            lines += ["server: PostgreSQL \(status.serverVersion)", status.schemaDescription]
        } catch {
            throw NothingAnswers(reason: "\(error)", lines: lines)
        }
        return lines.joined(separator: "\n")
    }

    /// No server answered where the runs are stored: what was found is still printed.
    private struct NothingAnswers: Error, CustomStringConvertible {
        var reason: String
        var lines: [String]
        var description: String { "nothing answers there: \(reason)" }
    }
}
