import AthanorCore
import Foundation

/// Browsing what is stored: sessions, runs, one run in full, a run's logs. Each call emits cell
/// events, so the same code serves `athanor sessions|runs|show|logs` and the REPL's
/// `:sessions :runs :show :logs`, whatever the output (terminal, captured cell, JSON).
struct Inspector: Sendable {
    let store: any RunStore
    let output: any CellOutput

    func sessions(limit: Int = 20) async throws {
        let sessions = try await store.sessions(limit: limit)
        output.emit(
            .table(
                ResultTable(
                    columns: ["id", "kind", "status", "started", "source", "replay of"],
                    rows: sessions.map { s in
                        [
                            .value(.number(Double(s.id))), .value(.string(s.kind.rawValue)),
                            .value(.string(s.status.rawValue)),
                            .value(.string(RunListing.time(s.startedAt))),
                            .value(s.sourcePath.map(Value.string) ?? .null),
                            .value(s.replayOf.map { .number(Double($0)) } ?? .null),
                        ]
                    })))
    }

    func runs(session: Int64? = nil, status: RunStatus? = nil, limit: Int = 20) async throws {
        output.emit(.table(RunListing.table(try await store.runs(sessionID: session, status: status, limit: limit))))
    }

    /// Definition, status, totals, the results table, the last `logLimit` log lines; with
    /// `tokens`, every answer with its tokens and their top alternatives.
    func show(run id: Int64, tokens: Bool = false, logLimit: Int = 20) async throws {
        let (stored, run) = try await StoredRuns.load(id, from: store)
        let totals = stored.totals
        var lines = [RunListing.describe(stored)]
        if let session = stored.sessionID {
            lines.append("session \(session)" + (stored.cellID.map { ", cell id \($0)" } ?? ""))
        }
        lines.append("definition: " + stored.definition.serialized())
        if stored.plannedPoints > totals.points {
            lines.append("\(totals.points) of \(stored.plannedPoints) planned points stored")
        }
        lines.append(
            "totals: \(totals.points) points, \(totals.requests) requests, \(totals.failures) failed, "
                + (totals.withoutLogprobs > 0 ? "\(totals.withoutLogprobs) answered without logprobs, " : "")
                + "\(totals.promptTokens + totals.completionTokens) tokens, \(String(format: "$%.6f", totals.cost)), "
                + "mean latency \(Int(totals.meanLatencyMilliseconds)) ms")
        output.emit(.text(lines.joined(separator: "\n")))
        if tokens {
            output.emit(.answers(run, totals))
        } else {
            output.emit(.table(Self.resultsTable(run.results)))
        }
        let logs = try await store.logs(runID: id, limit: logLimit)
        if !logs.isEmpty { output.emit(.text("recent logs:\n" + logs.map(Self.logLine).joined(separator: "\n"))) }
    }

    /// The run as one JSON document: the stored run, every stored result as is, the recent logs.
    func showJSON(run id: Int64, logLimit: Int = 20) async throws -> JSONValue {
        guard let stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
        let results = try await store.results(runID: id)
        let logs = try await store.logs(runID: id, limit: logLimit)
        return [
            "id": .number(Double(stored.id)), "name": .string(stored.instanceName),
            "status": .string(stored.status.rawValue),
            "session_id": JSONValue(stored.sessionID.map { Int($0) }), "error": JSONValue(stored.error),
            "started_at": JSONValue(stored.startedAt.map(RunListing.time)),
            "completed_at": JSONValue(stored.completedAt.map(RunListing.time)),
            "definition": stored.definition, "metadata": stored.metadata,
            "results": .array(results.map { ["key": .string($0.key), "value": $0.value] }),
            "logs": .array(
                logs.map {
                    [
                        "time": .string(RunListing.time($0.timestamp)), "level": .string($0.level.rawValue),
                        "message": .string($0.message), "metadata": $0.metadata,
                    ]
                }),
        ]
    }

    /// Log lines at `level` or above, oldest first; with `follow`, keeps printing new lines until
    /// the run is no longer running (or the task is cancelled).
    func logs(run id: Int64, level: LogLevel = .debug, follow: Bool = false) async throws {
        guard var stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
        let order = LogLevel.allCases
        var after: Int64 = 0
        while true {
            let entries = try await store.logs(runID: id, after: after, limit: 1000)
            after = entries.last?.id ?? after
            let shown = entries.map(\.log).filter { order.firstIndex(of: $0.level)! >= order.firstIndex(of: level)! }
            if !shown.isEmpty { output.emit(.text(shown.map(Self.logLine).joined(separator: "\n"))) }
            if entries.count == 1000 { continue }
            guard follow, stored.status == .running || stored.status == .pending, !Task.isCancelled else { return }
            try await Task.sleep(nanoseconds: 300_000_000)
            stored = try await store.run(id: id) ?? stored
            if stored.status != .running && stored.status != .pending {
                // One last read for what the run wrote as it finished.
                let rest = try await store.logs(runID: id, after: after, limit: 1000).map(\.log)
                    .filter { order.firstIndex(of: $0.level)! >= order.firstIndex(of: level)! }
                if !rest.isEmpty { output.emit(.text(rest.map(Self.logLine).joined(separator: "\n"))) }
                return
            }
        }
    }

    static func resultsTable(_ results: [ResultValue]) -> ResultTable {
        ResultTable(
            columns: ["point", "model", "output", "finish", "tokens", "cost", "ms", "p(first)"],
            rows: results.map { r in
                let c = r.completion
                return [
                    .value(.string(r.label)), .value(.string(r.modelName)),
                    r.error.map(TableCell.error) ?? .value(.string(r.output)),
                    .value(c?.finishReason.map(Value.string) ?? .null),
                    .value(c?.usage.map { .number(Double($0.completionTokens)) } ?? .null),
                    .value(c?.usage?.cost.map(Value.number) ?? .null),
                    .value(c.map { .number($0.latencyMilliseconds.rounded()) } ?? .null),
                    .value(c?.tokens?.first.map { .number(($0.probability * 1000).rounded() / 1000) } ?? .null),
                ]
            })
    }

    static func logLine(_ log: StoredLog) -> String {
        "\(RunListing.time(log.timestamp))  \(log.level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(log.message)"
    }
}
