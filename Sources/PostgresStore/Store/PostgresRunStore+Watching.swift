import AthanorCore

/// What a watcher of a run (`athanor watch`, possibly in another process) reads: the run's
/// channel, and its points counted as they are stored.
///
/// Every write that changes what a watcher shows notifies `channel(runID:)` in the statement that
/// makes it, so the notification arrives exactly when the change is committed:
/// `{"status": "completed"}` from `startRun`, `finishRun` and `claimRun`;
/// `{"results": 12, "logs": 3}` from the batch writes.
extension PostgresRunStore {
    /// SQL for the select list of a statement over rows with the columns `id` and `status` of
    /// `experiment_runs`: notifies each row's channel (`channel(runID:)`) of its status.
    static let notifyStatus = "pg_notify('athanor_run_' || id, json_build_object('status', status)::text)"

    /// Starts listening on run `runID`'s channel, over a connection of its own.
    public nonisolated func listen(runID: Int64) async throws(DatabaseError) -> NotificationListener {
        try await NotificationListener.start(conninfo: conninfo, channels: [Self.channel(runID: runID)])
    }

    /// Listens on run `runID`'s channel, over a connection of its own: a wake-up at each
    /// notification, and after each reconnect (notifications sent meanwhile were lost).
    public nonisolated func changes(runID: Int64) async throws -> RunChangeFeed {
        Self.wakeUps(from: try await listen(runID: runID))
    }

    /// A wake-up for each of the listener's events (notifications and reconnects); stopping the
    /// feed stops the listener.
    static func wakeUps(from listener: NotificationListener) -> RunChangeFeed {
        let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let relay = Task {
            for await _ in listener.events { continuation.yield() }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            relay.cancel()
            listener.stop()
        }
        return RunChangeFeed(changes: changes, stop: { continuation.finish() })
    }

    /// The run's points stored after result row `after` (0 for all of them), assertion rows left
    /// out. Counting only new rows keeps each call cheap however long the run: result ids grow in
    /// the order a run's batches commit, since one writer stores them one batch at a time.
    /// Tokens and cost are the row's own columns, summed over the point's turns when it was stored.
    public func storedPoints(runID: Int64, after: Int64) throws -> StoredPointCount {
        guard
            let row = try rows(
                """
                SELECT count(*), count(*) FILTER (WHERE failed), coalesce(max(id), \(after)),
                       coalesce(sum(prompt_tokens + completion_tokens), 0)::bigint, coalesce(sum(cost), 0)::float8
                FROM run_results
                WHERE run_id = \(runID) AND kind = 'point' AND id > \(after)
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
