import AthanorCore
import Foundation

/// What a run writes while it runs: results and logs in batches, heartbeats, and what `resume` needs.
///
/// A batch is one multi-row `INSERT`, hence one commit (one WAL flush) for up to hundreds of rows
/// instead of one per row (≈ 220 µs each, c-libraries.md §3). The same statement sends a
/// `NOTIFY athanor_run_<id>` so `athanor watch` sees new rows without polling; a notification is
/// delivered at commit, so watchers never see rows that are not there.
extension PostgresRunStore {
    /// The per-run channel for `LISTEN`.
    public static func channel(runID: Int64) -> String { "athanor_run_\(runID)" }

    public func saveResults(runID: Int64, _ results: [ResultRow]) throws {
        for chunk in results.chunked(by: 500) {
            var sql = SQL.StringInterpolation(
                literalCapacity: 160 + chunk.count * 24, interpolationCount: chunk.count * 2 + 3)
            sql.appendLiteral("WITH stored AS (INSERT INTO run_results (run_id, key, value) VALUES ")
            for (i, row) in chunk.enumerated() {
                sql.appendLiteral(i == 0 ? "(" : ",(")
                sql.appendInterpolation(runID)
                sql.appendLiteral(",")
                sql.appendInterpolation(row.key)
                sql.appendLiteral(",")
                sql.appendInterpolation(row.json)
                sql.appendLiteral("::jsonb)")
            }
            sql.appendLiteral(" ON CONFLICT (run_id, key) DO NOTHING RETURNING 1) SELECT pg_notify(")
            sql.appendInterpolation(Self.channel(runID: runID))
            sql.appendLiteral(", json_build_object('results', count(*))::text) FROM stored")
            try connection.execute(SQL(stringInterpolation: sql))
        }
    }

    public func log(runID: Int64, _ entries: [LogRow]) throws {
        for chunk in entries.chunked(by: 500) {
            var sql = SQL.StringInterpolation(
                literalCapacity: 160 + chunk.count * 40, interpolationCount: chunk.count * 5 + 1)
            sql.appendLiteral(
                "WITH stored AS (INSERT INTO run_logs (run_id, level, message, metadata, \"timestamp\") VALUES ")
            for (i, entry) in chunk.enumerated() {
                sql.appendLiteral(i == 0 ? "(" : ",(")
                sql.appendInterpolation(runID)
                sql.appendLiteral(",")
                sql.appendInterpolation(entry.level.rawValue)
                sql.appendLiteral(",")
                sql.appendInterpolation(entry.message)
                sql.appendLiteral(",")
                sql.appendInterpolation(entry.metadata)
                sql.appendLiteral("::jsonb, to_timestamp(")
                sql.appendInterpolation(entry.timestamp.timeIntervalSince1970)
                sql.appendLiteral("))")
            }
            sql.appendLiteral(" RETURNING 1) SELECT pg_notify(")
            sql.appendInterpolation(Self.channel(runID: runID))
            sql.appendLiteral(", json_build_object('logs', count(*))::text) FROM stored")
            try connection.execute(SQL(stringInterpolation: sql))
        }
    }

    /// Marks a run as alive, so a crashed run (stale heartbeat) can be told from a running one.
    public func heartbeat(runID: Int64) throws {
        try update("UPDATE experiment_runs SET heartbeat_at = now() WHERE id = \(runID)", missing: "run \(runID)")
    }

    /// Each run marked is notified on its channel (`{"status": "interrupted"}`), in the same statement.
    @discardableResult
    public func markInterruptedRuns(staleAfter seconds: Double) throws -> Int {
        try connection.execute(
            """
            WITH marked AS (
                UPDATE experiment_runs SET status = 'interrupted', updated_at = now(),
                    error = 'the process running it stopped (no heartbeat since ' || heartbeat_at::text || ')'
                WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < now() - make_interval(secs => \(seconds))
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus) FROM marked
            """
        ).affectedRows
    }

    public func resultKeys(runID: Int64) throws -> Set<String> {
        Set(
            try rows("SELECT key FROM run_results WHERE run_id = \(runID) AND key NOT LIKE 'assert/%'")
                .map { row throws(DatabaseError) in try row.string(0) })
    }

    public func reopenRun(id: Int64) throws {
        try update(
            """
            WITH reopened AS (
                UPDATE experiment_runs SET status = 'running', completed_at = NULL, error = NULL, heartbeat_at = now(),
                    updated_at = now()
                WHERE id = \(id)
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus) FROM reopened
            """, missing: "run \(id)")
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (a statement has at most 65,535 parameters).
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
