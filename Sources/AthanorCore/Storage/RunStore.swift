import Foundation

/// Where sessions, cells, runs, results and logs are kept as they happen (PostgreSQL in production).
///
/// Every call writes through at once: nothing is held back until a run ends, so a crash loses at
/// most the request in flight. Implementations must be safe to call from many tasks at once.
public protocol RunStore: Sendable {
    // Sessions and cells: what a notebook or a script did, in order.
    func startSession(_ session: NewSession) async throws -> Int64
    func finishSession(id: Int64, status: SessionStatus) async throws
    func startCell(_ cell: NewCell) async throws -> Int64
    func finishCell(id: Int64, outcome: CellOutcome) async throws
    /// Keeps the data files a cell read with its session, each content once per SHA-256.
    func storeDataFiles(sessionID: Int64, cellID: Int64?, _ reads: [DataFileRead]) async throws
    /// The data files the session read, in the order they were first stored.
    func dataFiles(sessionID: Int64) async throws -> [StoredDataFile]

    // Experiments and their runs.
    func createInstance(_ instance: NewInstance) async throws -> Int64
    /// Stores the run as `running`, owned by this process (see `claimRun`) until it ends.
    func startRun(_ run: NewRun) async throws -> Int64
    /// Stores every point of the plan as `pending`, in one statement, before any is sent.
    func storePlan(runID: Int64, points: PlanPoints) async throws
    /// Makes this process the run's owner for `resume`: takes its lock (none if another live process
    /// holds it) and sets it `running` again.
    func claimRun(id: Int64) async throws -> RunClaim
    /// Keeps this process's hold on its runs and session across a lost connection (the locks are
    /// taken again on the new one); throws `RunStoreError.ownershipLost` when another process took
    /// the run meanwhile. Called every few seconds while a run is under way.
    func confirmOwnership(runID: Int64) async throws
    /// Gives up the run's lock (its process goes on, but no longer runs it).
    func releaseRun(id: Int64) async throws
    /// The run's points that have no answer yet (pending, sent or cancelled; failed too with
    /// `includeFailed`), in plan order after point `after`, at most `limit` of them.
    func openPoints(runID: Int64, after: Int, limit: Int, includeFailed: Bool) async throws -> [StoredPoint]
    /// What the run's stored points share (their turns' models and parameters); nil without a plan.
    func planHeads(runID: Int64) async throws -> PlanHeads?
    /// How many of the run's planned points are in each state.
    func pointCounts(runID: Int64) async throws -> PointCounts
    /// Writes what a run's writer gathered as one statement (logs, results with their points'
    /// states, points sent). A result already stored for its point is kept, unless that was a
    /// failure and this one is not. A row the database refuses is stored as its point's error,
    /// without taking the rest of the batch with it.
    func write(runID: Int64, _ batch: RunWrite) async throws
    /// Stores answers a stopped process held in a file (`HeldAnswers`): only rows whose point is in
    /// the run's plan with the same key, and not answered already. Returns how many were stored.
    func storeHeldAnswers(runID: Int64, _ rows: [ResultRow]) async throws -> Int
    /// Stores one result without a plan (a test's row), at the point its `index` names (0 without);
    /// first write wins.
    func saveResult(runID: Int64, key: String, value: JSONValue) async throws
    /// Stores an assertion's outcome with the run it checked, as a row of kind `assertion`.
    func saveAssertion(runID: Int64, key: String, value: JSONValue) async throws
    func log(runID: Int64, level: LogLevel, message: String, metadata: JSONValue) async throws
    /// Ends the run with the status its rows say (`RunConclusion`), its totals summed from them,
    /// and releases it.
    func concludeRun(id: Int64, cancelled: Bool, error: String?, wallMilliseconds: Double) async throws
        -> RunConclusion
    /// Sets a run's status and merges `metadata` into its own, whatever its rows say.
    func finishRun(id: Int64, status: RunStatus, error: String?, metadata: JSONValue) async throws

    // Reading back.
    func run(id: Int64) async throws -> StoredRun?
    /// The run's points' results (not its assertions' outcomes), in the order they were stored.
    func results(runID: Int64) async throws -> [StoredResult]
    /// At most `limit` of the run's points' results in plan order (`ResultPosition`), after `after`
    /// (nil: from the first): one page of a read that never holds a whole run (`StoredResults`).
    func results(runID: Int64, after: ResultPosition?, limit: Int) async throws
        -> [(position: ResultPosition, result: StoredResult)]
    /// The sets of variable names the run's points' results carry, each set once, in the plan
    /// order of the first point that has it: what `export` makes columns of before its first row.
    func resultVariableNames(runID: Int64) async throws -> [[String]]
    /// The outcomes of the assertions checked against the run (`saveAssertion`'s rows), in the
    /// order they were stored.
    func assertionOutcomes(runID: Int64) async throws -> [StoredResult]
    /// The last `limit` log entries, oldest first.
    func logs(runID: Int64, limit: Int) async throws -> [StoredLog]
    /// Log entries after the one with id `after` (0 for all), oldest first, with their ids.
    func logs(runID: Int64, after: Int64, limit: Int) async throws -> [(id: Int64, log: StoredLog)]
    /// The last `limit` log entries with their ids, oldest first.
    func recentLogs(runID: Int64, limit: Int) async throws -> [(id: Int64, log: StoredLog)]
    func recentRuns(limit: Int) async throws -> [StoredRun]
    /// The newest runs first, optionally only one session's or only those with one status.
    func runs(sessionID: Int64?, status: RunStatus?, limit: Int) async throws -> [StoredRun]
    /// The run's totals summed from its stored rows.
    func totals(runID: Int64) async throws -> RunTotals
    /// The run's points stored after result row `after` (0 for all), counted with their tokens and cost.
    func storedPoints(runID: Int64, after: Int64) async throws -> StoredPointCount
    func session(id: Int64) async throws -> StoredSession?
    /// The newest sessions first.
    func sessions(limit: Int) async throws -> [StoredSession]
    /// A session's cells in position order.
    func cells(sessionID: Int64) async throws -> [StoredCell]
    /// Wakes its reader whenever the run's stored state may have changed.
    func changes(runID: Int64) async throws -> RunChangeFeed
}

public enum SessionKind: String, Sendable, Hashable {
    case repl, script, replay
}

public enum SessionStatus: String, Sendable, Hashable {
    /// `interrupted` is never stored: it is how a `running` session whose process is gone reads.
    case running, completed, failed, cancelled, interrupted
}

public struct NewSession: Sendable, Hashable {
    public var kind: SessionKind
    /// The script's path, for `script` sessions.
    public var sourcePath: String?
    public var replayOf: Int64?
    public var metadata: JSONValue

    public init(kind: SessionKind, sourcePath: String? = nil, replayOf: Int64? = nil, metadata: JSONValue = [:]) {
        self.kind = kind
        self.sourcePath = sourcePath
        self.replayOf = replayOf
        self.metadata = metadata
    }
}

public enum CellStatus: String, Sendable, Hashable {
    case running, succeeded, failed, cancelled
}

public struct NewCell: Sendable, Hashable {
    public var sessionID: Int64
    /// 1-based position of the cell in its session.
    public var position: Int
    public var title: String?
    public var source: String

    public init(sessionID: Int64, position: Int, title: String?, source: String) {
        self.sessionID = sessionID
        self.position = position
        self.title = title
        self.source = source
    }
}

public struct CellOutcome: Sendable, Hashable {
    public var status: CellStatus
    /// What the cell printed, without colour.
    public var output: String
    public var error: String?
    public var runIDs: [Int64]

    public init(status: CellStatus, output: String, error: String? = nil, runIDs: [Int64] = []) {
        self.status = status
        self.output = output
        self.error = error
        self.runIDs = runIDs
    }
}

/// An experiment definition: one `ask` or `sweep`.
public struct NewInstance: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The resolved definition (models, prompt, variables, parameters, plan size).
    public var definition: JSONValue
    /// The cell's source text.
    public var source: String?
    public var sessionID: Int64?
    public var cellID: Int64?

    public init(
        name: String, description: String? = nil, definition: JSONValue, source: String? = nil,
        sessionID: Int64? = nil, cellID: Int64? = nil
    ) {
        self.name = name
        self.description = description
        self.definition = definition
        self.source = source
        self.sessionID = sessionID
        self.cellID = cellID
    }
}

public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    case pending, running, completed, failed, cancelled, interrupted
}

/// A run about to start; it is stored as `running`.
public struct NewRun: Sendable, Hashable {
    public var instanceID: Int64
    public var sessionID: Int64?
    public var cellID: Int64?
    public var metadata: JSONValue

    public init(instanceID: Int64, sessionID: Int64? = nil, cellID: Int64? = nil, metadata: JSONValue = [:]) {
        self.instanceID = instanceID
        self.sessionID = sessionID
        self.cellID = cellID
        self.metadata = metadata
    }
}

public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case debug, info, warning, error
}

public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var instanceID: Int64
    public var instanceName: String
    public var sessionID: Int64?
    public var cellID: Int64?
    public var status: RunStatus
    public var startedAt: Date?
    public var completedAt: Date?
    public var error: String?
    public var metadata: JSONValue
    /// The instance's definition.
    public var definition: JSONValue
    /// What its stored rows add up to, whatever its process wrote or did not write when it ended.
    public var totals: RunTotals
    /// The points of its stored plan (0 for a run stored before plans were kept).
    public var plannedPoints: Int

    public init(
        id: Int64, instanceID: Int64, instanceName: String, sessionID: Int64?, cellID: Int64?, status: RunStatus,
        startedAt: Date?, completedAt: Date?, error: String?, metadata: JSONValue, definition: JSONValue,
        totals: RunTotals = RunTotals(), plannedPoints: Int = 0
    ) {
        self.id = id
        self.instanceID = instanceID
        self.instanceName = instanceName
        self.sessionID = sessionID
        self.cellID = cellID
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.error = error
        self.metadata = metadata
        self.definition = definition
        self.totals = totals
        self.plannedPoints = plannedPoints
    }
}

public struct StoredResult: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public var insertedAt: Date?

    public init(key: String, value: JSONValue, insertedAt: Date? = nil) {
        self.key = key
        self.value = value
        self.insertedAt = insertedAt
    }
}

public struct StoredLog: Sendable, Hashable {
    public var level: LogLevel
    public var message: String
    public var metadata: JSONValue
    public var timestamp: Date

    public init(level: LogLevel, message: String, metadata: JSONValue, timestamp: Date) {
        self.level = level
        self.message = message
        self.metadata = metadata
        self.timestamp = timestamp
    }
}
