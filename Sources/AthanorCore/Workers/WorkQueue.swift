import Foundation

/// A store whose queued runs any number of worker processes drain together (`athanor worker`).
///
/// A run is queued with its plan stored and nothing sent (`queueRun`). A worker registers, claims
/// a batch of a queued run's pending points at a time (`claimPoints`), each held by it until its
/// lease runs out, and stores answers only for points it still holds (`RunWrite.worker`). Its
/// lease is pushed forward while it lives (`renewLeases`); a point whose lease ran out, or whose
/// worker's connection is gone, is claimed again by another (`reclaimAbandoned`). Implementations
/// must make a claim atomic across processes and machines (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
public protocol WorkQueue: RunStore {
    /// Leaves a just-stored run (`startRun`, `storePlan`) to workers: `pending`, queued, and no
    /// longer this process's.
    func queueRun(id: Int64) async throws
    /// Registers this process as a worker and holds its lock (its liveness) until the connection ends.
    func registerWorker(concurrency: Int) async throws -> WorkerIdentity
    /// The oldest queued run not yet ended (only `runID` when given), other than those `skipping`.
    func nextQueuedRun(only runID: Int64?, skipping: Set<Int64>) async throws -> Int64?
    /// Marks the worker as working on the run (`running`, its share of the run's lock, its row in
    /// the run's workers); false when the run is not queued or already ended.
    func joinRun(id: Int64, worker: Int64) async throws -> Bool
    /// Takes up to `limit` of the run's pending points after point `after`, in plan order, for
    /// `lease` seconds.
    func claimPoints(runID: Int64, worker: Int64, after: Int, limit: Int, lease: Double) async throws -> PointClaim
    /// Pushes the lease of every point the worker holds forward by `lease` seconds and says the
    /// worker is alive; returns how many points it holds.
    @discardableResult
    func renewLeases(worker: Int64, lease: Double) async throws -> Int
    /// Gives the run's points held by dead workers, or by leases that ran out, back to `pending`;
    /// returns how many.
    func reclaimAbandoned(runID: Int64) async throws -> Int
    /// How the run's unfinished points stand for this worker: claimable now, or held by others.
    func openWork(runID: Int64, worker: Int64) async throws -> OpenWork
    /// Gives the worker's points back to `pending` and its share of the run's lock up; when no
    /// worker is left on an unfinished run, the run reads `pending` again.
    func leaveRun(id: Int64, worker: Int64) async throws
    /// Ends a queued run whose every point has its answer or its error, once, whoever calls it;
    /// nil when it was ended already (or still has points open).
    func concludeQueuedRun(id: Int64) async throws -> RunConclusion?
    /// Marks the worker stopped, with why (`finished`, `interrupted`).
    func stopWorker(id: Int64, because: String) async throws
    /// The workers that worked on the run, the newest first.
    func workers(runID: Int64) async throws -> [RunWorker]
}

/// A registered worker: its id and how it is named to people (`host pid N`).
public struct WorkerIdentity: Sendable, Hashable {
    public var id: Int64
    public var host: String
    public var pid: Int32

    public init(id: Int64, host: String, pid: Int32) {
        self.id = id
        self.host = host
        self.pid = pid
    }

    public var description: String { "worker \(id) (\(host) pid \(pid))" }
}

/// The points a claim took, and how long the database spent on it (not counting the round trip).
public struct PointClaim: Sendable, Hashable {
    public var points: [StoredPoint]
    public var databaseSeconds: Double

    public init(points: [StoredPoint], databaseSeconds: Double) {
        self.points = points
        self.databaseSeconds = databaseSeconds
    }
}

/// A run's unfinished points as one worker sees them.
public struct OpenWork: Sendable, Hashable {
    /// Pending points: any worker may claim them now.
    public var claimable = 0
    /// Points other workers hold (sent, their answers not stored yet).
    public var heldByOthers = 0

    public init(claimable: Int = 0, heldByOthers: Int = 0) {
        self.claimable = claimable
        self.heldByOthers = heldByOthers
    }
}

/// One worker's share of a run, as `athanor watch` shows it.
public struct RunWorker: Sendable, Hashable {
    public var id: Int64
    public var host: String
    public var pid: Int32
    public var joinedAt: Date
    /// When it last stored something for this run.
    public var lastAt: Date
    /// When the worker was last heard from at all (its lease renewals).
    public var lastSeen: Date
    public var stoppedAt: Date?
    public var stoppedBecause: String?
    public var claimed: Int
    public var answered: Int
    public var failed: Int
    /// Prompt and completion tokens, and cost, of what it stored.
    public var tokens = 0
    public var cost = 0.0

    public init(
        id: Int64, host: String, pid: Int32, joinedAt: Date, lastAt: Date, lastSeen: Date, stoppedAt: Date?,
        stoppedBecause: String?, claimed: Int, answered: Int, failed: Int, tokens: Int = 0, cost: Double = 0
    ) {
        self.id = id
        self.host = host
        self.pid = pid
        self.joinedAt = joinedAt
        self.lastAt = lastAt
        self.lastSeen = lastSeen
        self.stoppedAt = stoppedAt
        self.stoppedBecause = stoppedBecause
        self.claimed = claimed
        self.answered = answered
        self.failed = failed
        self.tokens = tokens
        self.cost = cost
    }

    /// Points stored a second while it worked on the run.
    public var pointsPerSecond: Double {
        let seconds = lastAt.timeIntervalSince(joinedAt)
        return seconds > 0 ? Double(answered + failed) / seconds : 0
    }
}
