import AthanorCore
import Foundation

/// A run, and the session it belongs to, is owned by the live process that runs it: that process
/// holds a session-level advisory lock on it (`athanor_lock_key` in migration v0004), which
/// PostgreSQL releases the moment the process's connection ends, however it ends. Anyone can
/// see from `pg_locks` whether a `running` run still has its process (`athanor_live_status`), and
/// `resume` must take the lock first, so no two processes ever send a run's points.
///
/// A lost connection loses the locks with it: when `Connection.execute` has reconnected, the
/// locks are taken again before anything else is written; a run whose lock another process took
/// meanwhile is no longer this one's (`RunStoreError.ownershipLost`).
struct Ownership {
    var runs: Set<Int64> = []
    var sessions: Set<Int64> = []
    /// This process's worker (`athanor worker`), whose lock says it is alive.
    var worker: Int64?
    /// The queued run this process's worker works on: it holds a share of the run's lock.
    var workerRun: Int64?
    /// Runs whose lock was found taken by another process after a reconnect.
    var lost: Set<Int64> = []
    /// The server process the locks were taken on; another one means they are gone.
    var backend: Int32 = 0

    /// How this process describes itself in `experiment_runs.owner`.
    static let processName = "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)"
}

extension PostgresRunStore {
    public func claimRun(id: Int64) throws -> RunClaim {
        guard !ownership.runs.contains(id) else { return .ownedElsewhere(owner: "this process") }
        var attempts = 0
        while true {
            guard
                let row = try rows(
                    """
                    SELECT status, pg_try_advisory_lock(athanor_lock_key('run', id)), owner
                    FROM experiment_runs WHERE id = \(id)
                    """
                ).first
            else { return .notFound }
            if try row.bool(1) { break }
            // A process killed a moment ago may still hold it until its server process notices.
            attempts += 1
            if attempts == Self.claimAttempts { return .ownedElsewhere(owner: row.optionalString(2)) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        noteLocked(run: id)
        let previous = try rows("SELECT status FROM experiment_runs WHERE id = \(id)").first.map {
            row throws(DatabaseError) in try row.enumeration(0, as: RunStatus.self)
        }
        try update(
            """
            WITH reopened AS (
                UPDATE experiment_runs SET status = 'running', completed_at = NULL, error = NULL,
                    owner = \(Ownership.processName), owned_at = now(), updated_at = now()
                WHERE id = \(id)
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus) FROM reopened
            """, missing: "run \(id)")
        return .claimed(previous: previous ?? .pending)
    }

    /// Tries for a second before deciding that another process holds a run.
    static let claimAttempts = 10

    public func confirmOwnership(runID: Int64) throws {
        try connection.execute("SELECT 1")
        try retakeLocksAfterReconnect()
        if ownership.lost.contains(runID) { throw RunStoreError.ownershipLost(runID: runID) }
    }

    public func releaseRun(id: Int64) throws {
        guard ownership.runs.remove(id) != nil else { return }
        ownership.lost.remove(id)
        guard connection.backendPID == ownership.backend else { return }
        try connection.execute("SELECT pg_advisory_unlock(athanor_lock_key('run', \(id)))")
    }

    /// Remembers a lock just taken on this connection.
    func noteLocked(run id: Int64) {
        if ownership.runs.isEmpty && ownership.sessions.isEmpty { ownership.backend = connection.backendPID }
        ownership.runs.insert(id)
    }

    func noteLocked(session id: Int64) {
        if ownership.runs.isEmpty && ownership.sessions.isEmpty { ownership.backend = connection.backendPID }
        ownership.sessions.insert(id)
    }

    func noteLocked(worker id: Int64) {
        if ownership.runs.isEmpty && ownership.sessions.isEmpty { ownership.backend = connection.backendPID }
        ownership.worker = id
    }

    func releaseSession(id: Int64) throws {
        guard ownership.sessions.remove(id) != nil, connection.backendPID == ownership.backend else { return }
        try connection.execute("SELECT pg_advisory_unlock(athanor_lock_key('session', \(id)))")
    }

    /// After a reconnect, takes this process's locks again (the old connection's went with it).
    func retakeLocksAfterReconnect() throws(DatabaseError) {
        let backend = connection.backendPID
        guard backend != ownership.backend,
            !(ownership.runs.isEmpty && ownership.sessions.isEmpty && ownership.worker == nil)
        else { return }
        if let worker = ownership.worker {
            // Alive again: the points reclaimed meanwhile are others' now (its answers for them are refused).
            try connection.execute("SELECT pg_try_advisory_lock(athanor_lock_key('worker', \(worker)))")
            try connection.execute("UPDATE workers SET stopped_at = NULL, stopped_because = NULL WHERE id = \(worker)")
        }
        if let run = ownership.workerRun {
            try connection.execute("SELECT pg_try_advisory_lock_shared(athanor_lock_key('run', \(run)))")
        }
        for id in ownership.sessions {
            try connection.execute("SELECT pg_try_advisory_lock(athanor_lock_key('session', \(id)))")
        }
        for id in ownership.runs.subtracting(ownership.lost) {
            let taken = try connection.execute("SELECT pg_try_advisory_lock(athanor_lock_key('run', \(id)))").scalar
            if taken != "t" { ownership.lost.insert(id) }
        }
        ownership.backend = backend
    }
}
