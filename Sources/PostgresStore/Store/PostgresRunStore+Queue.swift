import AthanorCore
import Foundation

/// Queued runs, drained by worker processes through this database (`WorkQueue`, docs/workers.md).
///
/// A claim is one statement: `SELECT … FOR UPDATE SKIP LOCKED` picks pending points no other
/// claim is taking, and the same statement marks them `sent`, held by the worker until its lease
/// ends. A worker's liveness is its advisory lock ('AW'), held by its connection: a killed worker's
/// points are found at the next reclaim; a stopped (paused) one keeps its lock, and loses its
/// points when their lease runs out. Its answers are then refused (`batchStatement` with a worker).
extension PostgresRunStore: WorkQueue {
    /// The channel a `worker --follow` listens on: a run was queued, or points went back to pending.
    public static let queueChannel = "athanor_queue"

    public func queueRun(id: Int64) throws {
        try update(
            """
            WITH queued AS (
                UPDATE experiment_runs SET status = 'pending', queued_at = now(), owner = NULL, updated_at = now()
                WHERE id = \(id)
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus), pg_notify(\(Self.queueChannel), id::text) FROM queued
            """, missing: "run \(id)")
        try releaseRun(id: id)
    }

    public func registerWorker(concurrency: Int) throws -> WorkerIdentity {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let id = try insert(
            """
            WITH registered AS (
                INSERT INTO workers (host, pid, concurrency) VALUES (\(host), \(Int(pid)), \(concurrency))
                RETURNING id
            )
            SELECT id, pg_advisory_lock(athanor_lock_key('worker', id)) FROM registered
            """)
        // The lock is this connection's: after a reconnect it is taken again (`retakeLocksAfterReconnect`).
        noteLocked(worker: id)
        return WorkerIdentity(id: id, host: host, pid: pid)
    }

    public func nextQueuedRun(only runID: Int64?, skipping: Set<Int64>) throws -> Int64? {
        try rows(
            """
            SELECT id FROM experiment_runs
            WHERE queued_at IS NOT NULL AND status IN ('pending', 'running')
              AND (\(runID)::bigint IS NULL OR id = \(runID)) AND id <> ALL(\(skipping.sorted())::bigint[])
            ORDER BY queued_at, id LIMIT 1
            """
        ).first.map { row throws(DatabaseError) in try row.int64(0) }
    }

    public func joinRun(id: Int64, worker: Int64) throws -> Bool {
        let joined = try rows(
            """
            WITH joined AS (
                UPDATE experiment_runs SET status = 'running', owner = 'workers', owned_at = now(), updated_at = now()
                WHERE id = \(id) AND queued_at IS NOT NULL AND status IN ('pending', 'running')
                RETURNING id, status
            )
            SELECT pg_try_advisory_lock_shared(athanor_lock_key('run', id)), \(unsafe: Self.notifyStatus) FROM joined
            """
        ).first
        guard let joined, try joined.bool(0) else { return false }
        ownership.workerRun = id
        try connection.execute(
            """
            INSERT INTO worker_runs (worker_id, run_id) VALUES (\(worker), \(id))
            ON CONFLICT (run_id, worker_id) DO UPDATE SET last_at = now()
            """)
        return true
    }

    /// The time the database spent is read inside the statement: from its start to each row out.
    /// `after` lets a claim start where the last one ended: the points before it were claimed, and
    /// their entries in the index of open points stay (dead) until the next vacuum; walking them
    /// made a claim 20–300 times slower half-way through a million-point run.
    public func claimPoints(runID: Int64, worker: Int64, after: Int, limit: Int, lease: Double) throws -> PointClaim {
        var spent = 0.0
        let points = try rows(
            """
            WITH picked AS (
                SELECT point_index FROM run_points
                WHERE run_id = \(runID) AND state = 'pending' AND point_index > \(after)
                ORDER BY point_index LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE run_points p
                SET state = 'sent', worker_id = \(worker), lease_until = now() + make_interval(secs => \(lease)),
                    updated_at = now()
                -- An index lookup whatever the statistics say (a join was planned as a scan of the run).
                WHERE p.run_id = \(runID) AND p.point_index = ANY(ARRAY(SELECT point_index FROM picked))
                RETURNING p.point_index, p.key, p.label, p.coordinates::text AS coordinates, p.request
            ), tallied AS (
                UPDATE worker_runs SET claimed = claimed + (SELECT count(*) FROM claimed)
                WHERE run_id = \(runID) AND worker_id = \(worker)
            )
            SELECT point_index, key, label, coordinates, request,
                   extract(epoch FROM clock_timestamp() - statement_timestamp())
            FROM claimed ORDER BY point_index
            """
        ).map { row throws(DatabaseError) in
            spent = max(spent, try row.double(5))
            return StoredPoint(
                index: try row.int(0), key: try row.string(1), label: try row.string(2),
                coordinates: try row.string(3), request: try row.string(4))
        }
        return PointClaim(points: points, databaseSeconds: spent)
    }

    @discardableResult
    public func renewLeases(worker: Int64, lease: Double) throws -> Int {
        let held = try connection.execute(
            """
            WITH seen AS (UPDATE workers SET last_seen = now() WHERE id = \(worker))
            UPDATE run_points SET lease_until = now() + make_interval(secs => \(lease))
            WHERE state = 'sent' AND worker_id = \(worker)
            """)
        return held.affectedRows
    }

    public func reclaimAbandoned(runID: Int64) throws -> Int {
        let reclaimed = try connection.execute(
            """
            WITH lost AS (
                UPDATE workers SET stopped_at = now(), stopped_because = 'lost'
                WHERE stopped_at IS NULL AND NOT athanor_is_owned('worker', id)
                  AND id IN (SELECT worker_id FROM worker_runs WHERE run_id = \(runID))
                RETURNING id
            ), freed AS (
                UPDATE run_points SET state = 'pending', worker_id = NULL, lease_until = NULL, updated_at = now()
                WHERE state = 'sent' AND worker_id IS NOT NULL AND run_id = \(runID)
                  AND (lease_until < now() OR worker_id IN (SELECT id FROM lost)
                       OR worker_id IN (SELECT id FROM workers WHERE stopped_at IS NOT NULL))
                RETURNING 1
            )
            SELECT count(*), CASE WHEN count(*) > 0 THEN pg_notify(\(Self.queueChannel), \(String(runID))) END
            FROM freed
            """)
        return Int(reclaimed.scalar ?? "") ?? 0
    }

    public func openWork(runID: Int64, worker: Int64) throws -> OpenWork {
        guard
            let row = try rows(
                """
                SELECT count(*) FILTER (WHERE state = 'pending'),
                       count(*) FILTER (WHERE state = 'sent' AND worker_id IS DISTINCT FROM \(worker))
                FROM run_points WHERE run_id = \(runID) AND state IN ('pending', 'sent')
                """
            ).first
        else { return OpenWork() }
        return OpenWork(claimable: try row.int(0), heldByOthers: try row.int(1))
    }

    public func leaveRun(id: Int64, worker: Int64) throws {
        try connection.execute(
            """
            WITH freed AS (
                UPDATE run_points SET state = 'pending', worker_id = NULL, lease_until = NULL, updated_at = now()
                WHERE state = 'sent' AND worker_id = \(worker) AND run_id = \(id)
                RETURNING 1
            )
            SELECT count(*), CASE WHEN count(*) > 0 THEN pg_notify(\(Self.queueChannel), \(String(id))) END FROM freed
            """)
        try connection.execute("SELECT pg_advisory_unlock_shared(athanor_lock_key('run', \(id)))")
        ownership.workerRun = nil
        // The last worker to leave an unfinished run hands it back to the queue.
        try connection.execute(
            """
            WITH waiting AS (
                UPDATE experiment_runs SET status = 'pending', updated_at = now()
                WHERE id = \(id) AND status = 'running' AND queued_at IS NOT NULL AND NOT athanor_is_owned('run', id)
                RETURNING id, status
            )
            SELECT \(unsafe: Self.notifyStatus) FROM waiting
            """)
    }

    public func concludeQueuedRun(id: Int64) throws -> RunConclusion? {
        let counts = try pointCounts(runID: id)
        guard counts.open == 0 else { return nil }
        var totals = try totals(runID: id)
        let status = RunConclusion.status(of: counts, cancelled: false)
        let reason: String? = status == .completed ? nil : "no point was answered"
        let ended = try rows(
            """
            WITH ended AS (
                UPDATE experiment_runs
                SET status = \(status.rawValue), completed_at = now(), error = \(reason), updated_at = now(),
                    metadata = metadata || jsonb_build_object('totals', \(totals.jsonValue)::jsonb
                        || jsonb_build_object('wall_ms', extract(epoch FROM now() - started_at) * 1000))
                WHERE id = \(id) AND status IN ('pending', 'running')
                RETURNING id, status, extract(epoch FROM now() - started_at) * 1000 AS wall
            )
            SELECT wall, \(unsafe: Self.notifyStatus) FROM ended
            """
        ).first
        guard let ended else { return nil }
        totals.wallMilliseconds = try ended.double(0)
        return RunConclusion(status: status, counts: counts, totals: totals)
    }

    public func stopWorker(id: Int64, because: String) throws {
        try connection.execute(
            """
            UPDATE workers SET stopped_at = now(), stopped_because = \(because), last_seen = now()
            WHERE id = \(id) AND stopped_at IS NULL
            """)
        try connection.execute("SELECT pg_advisory_unlock(athanor_lock_key('worker', \(id)))")
        ownership.worker = nil
    }

    public func workers(runID: Int64) throws -> [RunWorker] {
        try rows(
            """
            SELECT w.id, w.host, w.pid, extract(epoch FROM wr.joined_at), extract(epoch FROM wr.last_at),
                   extract(epoch FROM w.last_seen), extract(epoch FROM w.stopped_at), w.stopped_because,
                   wr.claimed, wr.answered, wr.failed, wr.tokens, wr.cost
            FROM worker_runs wr JOIN workers w ON w.id = wr.worker_id
            WHERE wr.run_id = \(runID)
            ORDER BY w.id
            """
        ).map { row throws(DatabaseError) in
            RunWorker(
                id: try row.int64(0), host: try row.string(1), pid: Int32(try row.int(2)), joinedAt: try row.date(3),
                lastAt: try row.date(4), lastSeen: try row.date(5), stoppedAt: try row.optionalDate(6),
                stoppedBecause: row.optionalString(7), claimed: try row.int(8), answered: try row.int(9),
                failed: try row.int(10), tokens: try row.int(11), cost: try row.double(12))
        }
    }

    /// Wakes a `worker --follow` when a run is queued or points go back to pending.
    public nonisolated func queueChanges() async throws -> RunChangeFeed {
        Self.wakeUps(from: try await NotificationListener.start(conninfo: conninfo, channels: [Self.queueChannel]))
    }
}
