import AthanorCore
import Foundation
import PostgresStore

/// `:runs`, `:show`, `:logs` and `:sessions`: what the store holds, as tables.
extension MetaCommands {
    func listRuns(_ argument: String, output: any CellOutput) async throws {
        let runs = try await store.recentRuns(limit: try count(argument, for: "runs", default: 10))
        output.emit(.table(RunListing.table(runs)))
    }

    func showRun(_ argument: String, output: any CellOutput) async throws {
        let id = try runID(argument, for: "show")
        guard let run = try await store.run(id: id) else {
            output.emit(.warning("there is no run \(id)"))
            return
        }
        output.emit(.text(RunListing.describe(run)))
        let results = try await store.results(runID: id).filter { !$0.key.hasPrefix("assert/") }
        let values = results.map { ResultValue(key: $0.key, json: $0.value) }.sorted { $0.index < $1.index }
        output.emit(
            .table(
                ResultTable(
                    columns: ["key", "model", "output", "finish"],
                    rows: values.map {
                        [
                            .value(.string($0.key)), .value(.string($0.modelName)),
                            $0.error.map(TableCell.error) ?? .value(.string($0.output)),
                            .value($0.completion?.finishReason.map(Value.string) ?? .null),
                        ]
                    })))
    }

    func showLogs(_ argument: String, output: any CellOutput) async throws {
        let logs = try await store.logs(runID: try runID(argument, for: "logs"), limit: 200)
        output.emit(
            .table(
                ResultTable(
                    columns: ["time", "level", "message"],
                    rows: logs.map {
                        [
                            .value(.string(RunListing.time($0.timestamp))), .value(.string($0.level.rawValue)),
                            .value(.string($0.message)),
                        ]
                    })))
    }

    func listSessions(_ argument: String, output: any CellOutput) async throws {
        let limit = try count(argument, for: "sessions", default: 10)
        guard let postgres = store as? PostgresRunStore else {
            throw Self.usage(":sessions needs the PostgreSQL store")
        }
        let sessions = try await postgres.sessions(limit: limit)
        output.emit(
            .table(
                ResultTable(
                    columns: ["id", "kind", "status", "started", "ended", "source"],
                    rows: sessions.map { session in
                        [
                            .value(.number(Double(session.id))), .value(.string(session.kind.rawValue)),
                            .value(.string(session.status.rawValue)),
                            .value(.string(RunListing.time(session.startedAt))),
                            .value(.string(session.endedAt.map(RunListing.time) ?? "")),
                            .value(.string(session.sourcePath ?? session.replayOf.map { "replay of \($0)" } ?? "")),
                        ]
                    })))
    }
}
