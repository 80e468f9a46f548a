import AthanorCore
import Foundation

/// What a run writes while it runs: its writer's batches of logs, results and points sent.
///
/// A batch is one statement, hence one commit (one WAL flush) for up to hundreds of rows instead of
/// one per row (≈ 220 µs each, c-libraries.md §3). The same statement moves each point to its
/// state and sends a `NOTIFY athanor_run_<id>` so `athanor watch` sees new rows without polling; a
/// notification is delivered at commit, so watchers never see rows that are not there.
///
/// A row the database refuses (a value it cannot take) must not take its batch with it: the batch
/// is then written piece by piece, and a result that still fails is stored as its point's error.
extension PostgresRunStore {
    /// The per-run channel for `LISTEN`.
    public static func channel(runID: Int64) -> String { "athanor_run_\(runID)" }

    public func write(runID: Int64, _ batch: RunWrite) throws {
        try retakeLocksAfterReconnect()
        if ownership.lost.contains(runID) { throw RunStoreError.ownershipLost(runID: runID) }
        for part in Self.parts(of: batch) { try write(runID: runID, part, checked: false) }
    }

    /// Stores only rows whose point is in the plan with the same key (`checked`), a refused one as
    /// its point's error, as `write` does.
    public func storeHeldAnswers(runID: Int64, _ rows: [ResultRow]) throws -> Int {
        var stored = 0
        for part in Self.parts(of: RunWrite(results: rows)) { stored += try write(runID: runID, part, checked: true) }
        return stored
    }

    /// One statement for the part; row by row when the database refuses it. Returns the results stored.
    @discardableResult
    private func write(runID: Int64, _ part: RunWrite, checked: Bool) throws(DatabaseError) -> Int {
        do {
            return Int(try connection.execute(Self.batchStatement(runID: runID, part, checked: checked)).scalar ?? "")
                ?? 0
        } catch {
            if error.isConnectionFailure { throw error }
            return try writeApart(runID: runID, part, checked: checked)
        }
    }

    public func saveResult(runID: Int64, key: String, value: JSONValue) throws {
        try connection.execute(
            """
            INSERT INTO run_results (run_id, key, point_index, value, failed)
            VALUES (\(runID), \(key), \(value["index"]?.intValue)::integer, \(value)::jsonb,
                    \(value["error"]?.stringValue != nil))
            ON CONFLICT (run_id, kind, key) DO NOTHING
            """)
    }

    public func saveAssertion(runID: Int64, key: String, value: JSONValue) throws {
        try connection.execute(
            """
            INSERT INTO run_results (run_id, kind, key, value) VALUES (\(runID), 'assertion', \(key), \(value)::jsonb)
            ON CONFLICT (run_id, kind, key) DO NOTHING
            """)
    }

    public func log(runID: Int64, level: LogLevel, message: String, metadata: JSONValue) throws {
        try connection.execute(
            Self.batchStatement(
                runID: runID, RunWrite(logs: [LogRow(level: level, message: message, metadata: metadata)])))
    }

    /// A statement has at most 65,535 parameters; a result takes 10.
    static let rowsPerStatement = 500

    /// A batch in statements of at most `rowsPerStatement` rows (one, nearly always).
    static func parts(of batch: RunWrite) -> [RunWrite] {
        guard batch.logs.count + batch.results.count > rowsPerStatement else { return batch.isEmpty ? [] : [batch] }
        var parts = batch.logs.chunked(by: rowsPerStatement).map { RunWrite(logs: Array($0)) }
        parts += batch.results.chunked(by: rowsPerStatement).map { RunWrite(results: Array($0), worker: batch.worker) }
        parts.append(RunWrite(sent: batch.sent, worker: batch.worker))
        return parts.filter { !$0.isEmpty }
    }

    /// The batch in pieces: logs, points sent, then each result alone, a refused one as its error.
    /// Returns the results stored.
    private func writeApart(runID: Int64, _ batch: RunWrite, checked: Bool) throws(DatabaseError) -> Int {
        for chunk in batch.logs.chunked(by: Self.rowsPerStatement) {
            do {
                try connection.execute(Self.batchStatement(runID: runID, RunWrite(logs: Array(chunk))))
            } catch {
                if error.isConnectionFailure { throw error }
                // A log line is worth less than the batch: those the database refuses are left out.
                for entry in chunk {
                    _ = try? connection.execute(Self.batchStatement(runID: runID, RunWrite(logs: [entry])))
                }
            }
        }
        if !batch.sent.isEmpty {
            try connection.execute(Self.batchStatement(runID: runID, RunWrite(sent: batch.sent, worker: batch.worker)))
        }
        var stored = 0
        for row in batch.results {
            do {
                let sql = Self.batchStatement(
                    runID: runID, RunWrite(results: [row], worker: batch.worker), checked: checked)
                stored += Int(try connection.execute(sql).scalar ?? "") ?? 0
            } catch {
                if error.isConnectionFailure { throw error }
                var failed = row
                failed.failed = true
                failed.json = JSONValue.object([
                    "index": row.pointIndex.map { .number(Double($0)) } ?? .null,
                    "error": .string("the answer could not be stored: \(error.message)"),
                ]).serializedForJSONB()
                let sql = Self.batchStatement(
                    runID: runID, RunWrite(results: [failed], worker: batch.worker), checked: checked)
                stored += Int(try connection.execute(sql).scalar ?? "") ?? 0
            }
        }
        return stored
    }

    /// One statement for a batch: logs inserted, results inserted (a failed result already stored
    /// for the point gives way to a new one; an answer never does), their points moved to
    /// `answered` or `failed`, points sent moved to `sent`, and the run's channel notified. With
    /// `checked`, a result is stored only if its point is in the plan with the same key. A
    /// worker's batch stores a result only while the worker still holds its point (locked here, so
    /// a reclaim waits for this statement or this statement sees the reclaim) and adds what it
    /// stored to the worker's tally. The statement returns how many results were stored.
    static func batchStatement(runID: Int64, _ batch: RunWrite, checked: Bool = false) -> SQL {
        var sql = SQL.StringInterpolation(
            literalCapacity: 900 + batch.results.count * 60 + batch.logs.count * 40,
            interpolationCount: batch.results.count * 10 + batch.logs.count * 5 + 8)
        sql.appendLiteral("WITH logged AS (")
        if batch.logs.isEmpty {
            sql.appendLiteral("SELECT 1 WHERE false")
        } else {
            sql.appendLiteral("INSERT INTO run_logs (run_id, level, message, metadata, \"timestamp\") VALUES ")
            for (i, entry) in batch.logs.enumerated() {
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
            sql.appendLiteral(" RETURNING 1")
        }
        sql.appendLiteral(")")
        if let worker = batch.worker, !batch.results.isEmpty {
            sql.appendLiteral(", held AS (SELECT point_index FROM run_points WHERE run_id = ")
            sql.appendInterpolation(runID)
            sql.appendLiteral(" AND state = 'sent' AND worker_id = ")
            sql.appendInterpolation(worker)
            sql.appendLiteral(" AND point_index = ANY(")
            sql.appendInterpolation(batch.results.compactMap { $0.pointIndex.map(Int64.init) })
            sql.appendLiteral("::integer[]) FOR UPDATE)")
        }
        sql.appendLiteral(", stored AS (")
        if batch.results.isEmpty {
            sql.appendLiteral(
                "SELECT NULL::integer AS point_index, false AS failed, 0::bigint AS tokens, 0::float8 AS cost WHERE false"
            )
        } else {
            sql.appendLiteral(
                """
                INSERT INTO run_results (run_id, kind, key, point_index, value, failed, without_logprobs, requests,
                    answered_turns, prompt_tokens, completion_tokens, cost, latency_ms)
                """)
            sql.appendLiteral(" SELECT ")
            sql.appendInterpolation(runID)
            sql.appendLiteral(", 'point', v.* FROM (VALUES ")
            for (i, row) in batch.results.enumerated() {
                sql.appendLiteral(i == 0 ? "(" : ",(")
                sql.appendInterpolation(row.key)
                sql.appendLiteral(",")
                sql.appendInterpolation(row.pointIndex)
                sql.appendLiteral("::integer,")
                sql.appendInterpolation(row.json)
                sql.appendLiteral("::jsonb,")
                sql.appendInterpolation(row.failed)
                sql.appendLiteral("::boolean,")
                sql.appendInterpolation(row.withoutLogprobs)
                sql.appendLiteral("::boolean,")
                sql.appendInterpolation(row.requests)
                sql.appendLiteral("::integer,")
                sql.appendInterpolation(row.answeredTurns)
                sql.appendLiteral("::integer,")
                sql.appendInterpolation(row.promptTokens)
                sql.appendLiteral("::bigint,")
                sql.appendInterpolation(row.completionTokens)
                sql.appendLiteral("::bigint,")
                sql.appendInterpolation(row.cost)
                sql.appendLiteral("::float8,")
                sql.appendInterpolation(row.latencyMilliseconds)
                sql.appendLiteral("::float8)")
            }
            sql.appendLiteral(
                """
                ) AS v (key, point_index, value, failed, without_logprobs, requests, answered_turns, prompt_tokens,
                        completion_tokens, cost, latency_ms)
                """)
            if checked {
                sql.appendLiteral(" WHERE EXISTS (SELECT 1 FROM run_points p WHERE p.run_id = ")
                sql.appendInterpolation(runID)
                sql.appendLiteral(" AND p.point_index = v.point_index AND p.key = v.key)")
            } else if batch.worker != nil {
                sql.appendLiteral(" WHERE v.point_index IN (SELECT point_index FROM held)")
            }
            sql.appendLiteral(
                """
                 ON CONFLICT (run_id, kind, key) DO UPDATE SET value = EXCLUDED.value, failed = EXCLUDED.failed,
                    without_logprobs = EXCLUDED.without_logprobs,
                    point_index = EXCLUDED.point_index, requests = run_results.requests + EXCLUDED.requests,
                    answered_turns = EXCLUDED.answered_turns, prompt_tokens = EXCLUDED.prompt_tokens,
                    completion_tokens = EXCLUDED.completion_tokens, cost = EXCLUDED.cost,
                    latency_ms = EXCLUDED.latency_ms, inserted_at = now()
                WHERE run_results.failed
                RETURNING point_index, failed, prompt_tokens + completion_tokens AS tokens, cost
                """)
        }
        sql.appendLiteral(
            """
            ), answered AS (
                UPDATE run_points p SET state = CASE WHEN s.failed THEN 'failed' ELSE 'answered' END, updated_at = now()
                FROM stored s WHERE p.run_id =
            """)
        sql.appendLiteral(" ")
        sql.appendInterpolation(runID)
        sql.appendLiteral(" AND p.point_index = s.point_index RETURNING 1), went AS (")
        if batch.sent.isEmpty {
            sql.appendLiteral("SELECT 1 WHERE false")
        } else {
            sql.appendLiteral("UPDATE run_points SET state = 'sent', updated_at = now() WHERE run_id = ")
            sql.appendInterpolation(runID)
            sql.appendLiteral(" AND point_index = ANY(")
            sql.appendInterpolation(batch.sent.map(Int64.init))
            sql.appendLiteral("::integer[]) AND state IN ('pending', 'cancelled') RETURNING 1")
        }
        if let worker = batch.worker {
            sql.appendLiteral(
                """
                ), tallied AS (
                    UPDATE worker_runs SET answered = answered + (SELECT count(*) FILTER (WHERE NOT failed) FROM stored),
                        failed = failed + (SELECT count(*) FILTER (WHERE failed) FROM stored),
                        tokens = tokens + (SELECT coalesce(sum(tokens), 0) FROM stored),
                        cost = cost + (SELECT coalesce(sum(cost), 0) FROM stored), last_at = now()
                    WHERE run_id =
                """)
            sql.appendLiteral(" ")
            sql.appendInterpolation(runID)
            sql.appendLiteral(" AND worker_id = ")
            sql.appendInterpolation(worker)
        }
        sql.appendLiteral(
            """
            ), counted AS (
                SELECT (SELECT count(*) FROM stored) AS results, (SELECT count(*) FROM logged) AS logs,
                       (SELECT count(*) FROM answered) + (SELECT count(*) FROM went) AS moved
            )
            SELECT results, pg_notify(
            """)
        sql.appendInterpolation(channel(runID: runID))
        sql.appendLiteral(", json_build_object('results', results, 'logs', logs)::text) FROM counted")
        return SQL(stringInterpolation: sql)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (a statement has at most 65,535 parameters).
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
