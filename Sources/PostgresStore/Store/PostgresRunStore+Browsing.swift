import AthanorCore

/// Reads for browsing (`sessions`, `runs`, `logs --follow`) and replay.
extension PostgresRunStore {
    /// One session, or nil when there is none with that id.
    public func session(id: Int64) throws -> StoredSession? {
        try rows(
            """
            SELECT id, kind, source_path, replay_of, athanor_live_status('session', id, status, started_at),
                   extract(epoch FROM started_at),
                   extract(epoch FROM ended_at), metadata
            FROM sessions WHERE id = \(id)
            """
        ).first.map { row throws(DatabaseError) in
            StoredSession(
                id: try row.int64(0), kind: try row.enumeration(1, as: SessionKind.self),
                sourcePath: row.optionalString(2), replayOf: try row.optionalInt64(3),
                status: try row.enumeration(4, as: SessionStatus.self), startedAt: try row.date(5),
                endedAt: try row.optionalDate(6), metadata: try row.json(7))
        }
    }

    /// The newest runs first, optionally only one session's or only those with one status.
    public func runs(sessionID: Int64?, status: RunStatus?, limit: Int) throws -> [StoredRun] {
        try rows(
            """
            \(unsafe: Self.runColumns.text)
            WHERE (\(sessionID)::bigint IS NULL OR r.session_id = \(sessionID))
              AND (\(status?.rawValue)::text IS NULL OR athanor_live_status('run', r.id, r.status, r.owned_at) = \(status?.rawValue))
            ORDER BY r.id DESC LIMIT \(limit)
            """
        ).map(Self.storedRun)
    }

    /// Log entries after the one with id `after` (0 for all), oldest first, with their ids, so a
    /// follower can ask again for what came since.
    public func logs(runID: Int64, after: Int64, limit: Int) throws -> [(id: Int64, log: StoredLog)] {
        try rows(
            """
            SELECT id, level, message, metadata, extract(epoch FROM "timestamp") FROM run_logs
            WHERE run_id = \(runID) AND id > \(after) ORDER BY id LIMIT \(limit)
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
