import AthanorCore

/// The write half of `RunStore`: sessions, cells, instances, runs, results and logs.
extension PostgresRunStore {
    /// The new session is owned by this process (its lock, see `Ownership`) until it finishes.
    public func startSession(_ session: NewSession) throws -> Int64 {
        let id = try insert(
            """
            WITH started AS (
                INSERT INTO sessions (kind, source_path, replay_of, metadata)
                VALUES (\(session.kind.rawValue), \(session.sourcePath), \(session.replayOf), \(session.metadata)::jsonb)
                RETURNING id
            )
            SELECT id, pg_advisory_lock(athanor_lock_key('session', id)) FROM started
            """)
        noteLocked(session: id)
        return id
    }

    public func finishSession(id: Int64, status: SessionStatus) throws {
        try update(
            "UPDATE sessions SET status = \(status.rawValue), ended_at = now() WHERE id = \(id)",
            missing: "session \(id)")
        try releaseSession(id: id)
    }

    public func startCell(_ cell: NewCell) throws -> Int64 {
        try insert(
            """
            INSERT INTO cells (session_id, position, title, source)
            VALUES (\(cell.sessionID), \(cell.position), \(cell.title), \(cell.source))
            RETURNING id
            """)
    }

    public func finishCell(id: Int64, outcome: CellOutcome) throws {
        try update(
            """
            UPDATE cells SET status = \(outcome.status.rawValue), output = \(outcome.output), error = \(outcome.error),
                run_ids = \(outcome.runIDs)::bigint[], ended_at = now()
            WHERE id = \(id)
            """, missing: "cell \(id)")
    }

    public func createInstance(_ instance: NewInstance) throws -> Int64 {
        try insert(
            """
            INSERT INTO experiment_instances (name, description, definition, source, session_id, cell_id)
            VALUES (\(instance.name), \(instance.description), \(instance.definition)::jsonb, \(instance.source),
                    \(instance.sessionID), \(instance.cellID))
            RETURNING id
            """)
    }

    /// Takes the new run's lock (this process owns it until `concludeRun`) and notifies its channel
    /// that it is `running`, in the same statement.
    public func startRun(_ run: NewRun) throws -> Int64 {
        let id = try insert(
            """
            WITH started AS (
                INSERT INTO experiment_runs (instance_id, session_id, cell_id, status, started_at, owner, owned_at, metadata)
                VALUES (\(run.instanceID), \(run.sessionID), \(run.cellID), 'running', now(), \(Ownership.processName), now(),
                        \(run.metadata)::jsonb)
                RETURNING id, status
            )
            SELECT id, pg_advisory_lock(athanor_lock_key('run', id)), \(unsafe: Self.notifyStatus) FROM started
            """)
        noteLocked(run: id)
        return id
    }

    /// Merges `metadata` into the run's (`||`, keys given here win). Only an object merges; anything
    /// else is ignored, because jsonb `||` with a non-object would turn the metadata into an array.
    /// The run's channel is notified of its new status in the same statement.
    public func finishRun(id: Int64, status: RunStatus, error: String?, metadata: JSONValue) throws {
        let patch: JSONValue = metadata.objectValue == nil ? [:] : metadata
        try update(
            """
            WITH finished AS (
                UPDATE experiment_runs
                SET status = \(status.rawValue), completed_at = now(), error = \(error),
                    metadata = metadata || \(patch)::jsonb, updated_at = now()
                WHERE id = \(id)
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus) FROM finished
            """, missing: "run \(id)")
    }
}
