import AthanorCore

/// What a watcher of a run (`athanor watch`, possibly in another process) reads: the run's
/// channel, and its points counted as they are stored.
///
/// Every write that changes what a watcher shows notifies `channel(runID:)` in the statement that
/// makes it, so the notification arrives exactly when the change is committed:
/// `{"status": "completed"}` from `startRun`, `finishRun`, `reopenRun` and `markInterruptedRuns`;
/// `{"results": 12}` and `{"logs": 3}` from the batch writes.
extension PostgresRunStore {
    /// SQL for the select list of a statement over rows with the columns `id` and `status` of
    /// `experiment_runs`: notifies each row's channel (`channel(runID:)`) of its status.
    static let notifyStatus = "pg_notify('athanor_run_' || id, json_build_object('status', status)::text)"

    /// Starts listening on run `runID`'s channel, over a connection of its own.
    public nonisolated func listen(runID: Int64) async throws(DatabaseError) -> NotificationListener {
        try await NotificationListener.start(conninfo: conninfo, channels: [Self.channel(runID: runID)])
    }

    /// The run's points stored after result row `after` (0 for all of them), assertion rows left
    /// out. Counting only new rows keeps each call cheap however long the run: result ids grow in
    /// the order a run's batches commit, since one writer stores them one batch at a time.
    /// Tokens and cost are summed over each point's turns: a conversation's are in `turns`, a
    /// single answer's is the row itself (`ResultValue`'s stored shape).
    public func storedPoints(runID: Int64, after: Int64) throws -> StoredPointCount {
        guard
            let row = try rows(
                """
                SELECT count(*) FILTER (WHERE key NOT LIKE 'assert/%'),
                       count(*) FILTER (WHERE key NOT LIKE 'assert/%' AND value->>'error' IS NOT NULL),
                       coalesce(max(id), \(after)),
                       coalesce(round(sum(used.tokens)), 0)::bigint, coalesce(sum(used.cost), 0)::float8
                FROM run_results
                LEFT JOIN LATERAL (
                    SELECT sum(usage.prompt + usage.completion) AS tokens, sum(usage.cost) AS cost
                    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(value->'turns') = 'array' THEN value->'turns'
                                                   ELSE jsonb_build_array(value) END) AS turn,
                         -- Numbers only: one odd value must not break every later count.
                         LATERAL (SELECT CASE WHEN jsonb_typeof(u->'prompt_tokens') = 'number'
                                              THEN (u->>'prompt_tokens')::numeric ELSE 0 END AS prompt,
                                         CASE WHEN jsonb_typeof(u->'completion_tokens') = 'number'
                                              THEN (u->>'completion_tokens')::numeric ELSE 0 END AS completion,
                                         CASE WHEN jsonb_typeof(u->'cost') = 'number'
                                              THEN (u->>'cost')::numeric ELSE 0 END AS cost
                                  FROM (SELECT turn->'response'->'usage' AS u) AS response) AS usage
                ) AS used ON key NOT LIKE 'assert/%'
                WHERE run_id = \(runID) AND id > \(after)
                """
            ).first
        else { return StoredPointCount(lastResultID: after) }
        return StoredPointCount(
            points: try row.int(0), failures: try row.int(1), tokens: try row.int(3), cost: try row.double(4),
            lastResultID: try row.int64(2))
    }

    /// The last `limit` log entries with their ids, oldest first: what a watcher shows before it
    /// follows with `logs(runID:after:limit:)`.
    public func recentLogs(runID: Int64, limit: Int) throws -> [(id: Int64, log: StoredLog)] {
        try rows(
            """
            SELECT id, level, message, metadata, extract(epoch FROM "timestamp") FROM (
                SELECT * FROM run_logs WHERE run_id = \(runID) ORDER BY id DESC LIMIT \(limit)
            ) newest ORDER BY id
            """
        ).map { row throws(DatabaseError) in
            (
                try row.int64(0),
                StoredLog(
                    level: try row.enumeration(1, as: LogLevel.self), message: try row.string(2),
                    metadata: try row.json(3), timestamp: try row.date(4))
            )
        }
    }
}
