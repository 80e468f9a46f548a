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

    /// Points `show` lists in full (its table, or its answers with `tokens`) unless told otherwise:
    /// a screenful to read; `export` writes every one.
    static let shownPoints = 100

    /// Definition, status, totals, the results table, the last `logLimit` log lines; with
    /// `tokens`, the answers with their tokens and their top alternatives. Only the first `points`
    /// points (in plan order) are listed, then how many more there are: the totals are summed by
    /// the database, so a run of any size is shown in the same memory.
    func show(run id: Int64, tokens: Bool = false, logLimit: Int = 20, points: Int = Self.shownPoints) async throws {
        guard let stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
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
        var results: [ResultValue] = []
        for try await result in store.results(runID: id, pageSize: min(max(points, 1), StoredResults.defaultPageSize)) {
            guard results.count < points else { break }
            results.append(ResultValue(key: result.key, json: result.value))
        }
        if tokens {
            let run = RunValue(
                id: stored.id, name: stored.instanceName, status: stored.status, sessionID: stored.sessionID,
                results: results)
            output.emit(.answers(run, totals))
        } else {
            output.emit(.table(Self.resultsTable(results)))
        }
        if totals.points > results.count {
            output.emit(.text(Self.morePoints(totals.points - results.count, run: id)))
        }
        let logs = try await store.logs(runID: id, limit: logLimit)
        if !logs.isEmpty { output.emit(.text("recent logs:\n" + logs.map(Self.logLine).joined(separator: "\n"))) }
    }

    /// What `show` says of the points it did not list.
    static func morePoints(_ count: Int, run id: Int64) -> String {
        "… and \(count) more point\(count == 1 ? "" : "s"); 'athanor show \(id) --points N' lists more, "
            + "'athanor export \(id)' writes every one"
    }

    /// Log lines at `level` or above, oldest first; with `follow`, keeps printing new lines until
    /// the run is no longer running (or the task is cancelled).
    func logs(run id: Int64, level: LogLevel = .debug, follow: Bool = false) async throws {
        guard var stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
        var after: Int64 = 0
        while true {
            let entries = try await store.logs(runID: id, after: after, limit: 1000)
            after = entries.last?.id ?? after
            let shown = entries.map(\.log).filter { Self.log($0, isAtLeast: level) }
            if !shown.isEmpty { output.emit(.text(shown.map(Self.logLine).joined(separator: "\n"))) }
            if entries.count == 1000 { continue }
            guard follow, stored.status == .running || stored.status == .pending, !Task.isCancelled else { return }
            try await Task.sleep(nanoseconds: 300_000_000)
            stored = try await store.run(id: id) ?? stored
            if stored.status != .running && stored.status != .pending {
                // One last read for what the run wrote as it finished.
                let rest = try await store.logs(runID: id, after: after, limit: 1000).map(\.log)
                    .filter { Self.log($0, isAtLeast: level) }
                if !rest.isEmpty { output.emit(.text(rest.map(Self.logLine).joined(separator: "\n"))) }
                return
            }
        }
    }

    /// Whether `log` is at `level` or above (debug < info < warning < error).
    static func log(_ log: StoredLog, isAtLeast level: LogLevel) -> Bool {
        let order = LogLevel.allCases
        return order.firstIndex(of: log.level)! >= order.firstIndex(of: level)!
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
