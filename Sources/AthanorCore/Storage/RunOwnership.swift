/// What `claimRun` found: the run is this process's now, or another live process runs it.
public enum RunClaim: Sendable, Hashable {
    case claimed(previous: RunStatus)
    /// `owner` is what that process stored about itself (`host pid N`), when it did.
    case ownedElsewhere(owner: String?)
    case notFound
}

/// A store's failure that says whether the store was out of reach (trying again later may work)
/// rather than refusing what it was asked.
public protocol StoreFailure: Error {
    var isConnectionFailure: Bool { get }
    /// What went wrong, in a sentence (no SQL, no values).
    var message: String { get }
}

/// Failures of the store that mean something to the engine, beyond "the database failed".
public enum RunStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process took run `runID` while this one had lost its connection.
    case ownershipLost(runID: Int64)

    public var description: String {
        switch self {
        case .ownershipLost(let runID):
            "run \(runID) was taken over by another process while the database was out of reach; this one stopped"
        }
    }
}

/// How many of a run's planned points are in each state.
public struct PointCounts: Sendable, Hashable {
    public var planned = 0
    public var pending = 0
    public var sent = 0
    public var answered = 0
    public var failed = 0
    public var cancelled = 0

    public init() {}

    /// Points with neither an answer nor an error stored.
    public var open: Int { pending + sent + cancelled }
}

/// How a run ended, decided from its rows: `completed` only when every planned point has its answer
/// or its error (and at least one an answer), `cancelled` when it was stopped with points left,
/// `failed` otherwise.
public struct RunConclusion: Sendable, Hashable {
    public var status: RunStatus
    public var counts: PointCounts
    public var totals: RunTotals

    public init(status: RunStatus, counts: PointCounts, totals: RunTotals) {
        self.status = status
        self.counts = counts
        self.totals = totals
    }

    public static func status(of counts: PointCounts, cancelled: Bool) -> RunStatus {
        if counts.open > 0 { return cancelled ? .cancelled : .failed }
        return counts.answered == 0 && counts.planned > 0 ? .failed : .completed
    }
}
