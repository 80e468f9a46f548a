import AthanorCore

/// The read half: runs, results and logs for `runs`/`show`, sessions and cells for `replay`.
extension PostgresRunStore {
    /// A run as people should see it: its live status (`interrupted` when no process owns it) and
    /// its totals summed from its stored rows, as the view `run_totals` does, for this run only
    /// (joined to the view, PostgreSQL would aggregate every run's rows first).
    static let runColumns: SQL = """
        SELECT r.id, r.instance_id, i.name, r.session_id, r.cell_id, athanor_live_status('run', r.id, r.status, r.owned_at),
               extract(epoch FROM r.started_at), extract(epoch FROM r.completed_at), r.error, r.metadata,
               i.definition, t.points, t.failures, t.requests, t.answered_turns, t.prompt_tokens, t.completion_tokens,
               t.cost, t.latency_ms, (SELECT count(*) FROM run_points p WHERE p.run_id = r.id), t.without_logprobs
        FROM experiment_runs r JOIN experiment_instances i ON i.id = r.instance_id
        LEFT JOIN LATERAL (
            SELECT count(*) AS points, count(*) FILTER (WHERE failed) AS failures,
                   coalesce(sum(requests), 0) AS requests, coalesce(sum(answered_turns), 0) AS answered_turns,
                   coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
                   coalesce(sum(completion_tokens), 0) AS completion_tokens,
                   coalesce(sum(cost), 0) AS cost, coalesce(sum(latency_ms), 0) AS latency_ms,
                   count(*) FILTER (WHERE without_logprobs) AS without_logprobs
            FROM run_results WHERE run_id = r.id AND kind = 'point'
        ) t ON true
        """

    public func run(id: Int64) throws -> StoredRun? {
        try rows("\(unsafe: Self.runColumns.text) WHERE r.id = \(id)").first.map(Self.storedRun)
    }

    /// The newest runs first.
    public func recentRuns(limit: Int) throws -> [StoredRun] {
        try rows("\(unsafe: Self.runColumns.text) ORDER BY r.id DESC LIMIT \(limit)").map(Self.storedRun)
    }

    /// The run's points' results (not its assertions' outcomes), in the order they were stored.
    public func results(runID: Int64) throws -> [StoredResult] {
        try stored(runID: runID, kind: "point")
    }

    /// The outcomes of the assertions checked against the run, in the order they were stored.
    public func assertionOutcomes(runID: Int64) throws -> [StoredResult] {
        try stored(runID: runID, kind: "assertion")
    }

    /// The run's results of one kind (`run_results.kind`), in the order they were stored.
    private func stored(runID: Int64, kind: String) throws -> [StoredResult] {
        try rows(
            """
            SELECT key, value, extract(epoch FROM inserted_at) FROM run_results
            WHERE run_id = \(runID) AND kind = \(kind) ORDER BY id
            """
        ).map { row throws(DatabaseError) in
            StoredResult(key: try row.string(0), value: try row.json(1), insertedAt: try row.optionalDate(2))
        }
    }

    /// The last `limit` entries, oldest first (what a `show` of a long run wants to see).
    public func logs(runID: Int64, limit: Int) throws -> [StoredLog] {
        try rows(
            """
            SELECT level, message, metadata, extract(epoch FROM "timestamp") FROM (
                SELECT * FROM run_logs WHERE run_id = \(runID) ORDER BY id DESC LIMIT \(limit)
            ) newest ORDER BY id
            """
        ).map { row throws(DatabaseError) in
            StoredLog(
                level: try row.enumeration(0, as: LogLevel.self), message: try row.string(1),
                metadata: try row.json(2), timestamp: try row.date(3))
        }
    }

    /// The newest sessions first.
    public func sessions(limit: Int) throws -> [StoredSession] {
        try rows(
            """
            SELECT id, kind, source_path, replay_of, athanor_live_status('session', id, status, started_at),
                   extract(epoch FROM started_at),
                   extract(epoch FROM ended_at), metadata
            FROM sessions ORDER BY id DESC LIMIT \(limit)
            """
        ).map { row throws(DatabaseError) in
            StoredSession(
                id: try row.int64(0), kind: try row.enumeration(1, as: SessionKind.self),
                sourcePath: row.optionalString(2), replayOf: try row.optionalInt64(3),
                status: try row.enumeration(4, as: SessionStatus.self), startedAt: try row.date(5),
                endedAt: try row.optionalDate(6), metadata: try row.json(7))
        }
    }

    /// A session's cells in position order: what replay runs again.
    public func cells(sessionID: Int64) throws -> [StoredCell] {
        try rows(
            """
            SELECT id, session_id, position, title, source, status, output, error, run_ids,
                   extract(epoch FROM started_at), extract(epoch FROM ended_at)
            FROM cells WHERE session_id = \(sessionID) ORDER BY position
            """
        ).map { row throws(DatabaseError) in
            StoredCell(
                id: try row.int64(0), sessionID: try row.int64(1), position: try row.int(2),
                title: row.optionalString(3), source: try row.string(4),
                status: try row.enumeration(5, as: CellStatus.self), output: row.optionalString(6),
                error: row.optionalString(7), runIDs: try row.int64Array(8), startedAt: try row.date(9),
                endedAt: try row.optionalDate(10))
        }
    }

    static func storedRun(_ row: Row) throws(DatabaseError) -> StoredRun {
        let metadata = try row.json(9)
        var totals = RunTotals()
        totals.points = try row.int(11)
        totals.failures = try row.int(12)
        totals.requests = try row.int(13)
        totals.answeredTurns = try row.int(14)
        totals.promptTokens = try row.int(15)
        totals.completionTokens = try row.int(16)
        totals.cost = try row.double(17)
        totals.latencyMilliseconds = try row.double(18)
        totals.withoutLogprobs = try row.int(20)
        totals.wallMilliseconds = metadata["totals"]?["wall_ms"]?.doubleValue ?? 0
        return StoredRun(
            id: try row.int64(0), instanceID: try row.int64(1), instanceName: try row.string(2),
            sessionID: try row.optionalInt64(3), cellID: try row.optionalInt64(4),
            status: try row.enumeration(5, as: RunStatus.self), startedAt: try row.optionalDate(6),
            completedAt: try row.optionalDate(7), error: row.optionalString(8), metadata: metadata,
            definition: try row.json(10), totals: totals, plannedPoints: try row.int(19))
    }
}
