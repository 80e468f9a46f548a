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

    // Experiments and their runs.
    func createInstance(_ instance: NewInstance) async throws -> Int64
    func startRun(_ run: NewRun) async throws -> Int64
    /// Stores one result; a second write of the same `(runID, key)` is ignored, so a point is stored once.
    func saveResult(runID: Int64, key: String, value: JSONValue) async throws
    func log(runID: Int64, level: LogLevel, message: String, metadata: JSONValue) async throws
    /// Stores a batch of results in one statement (the run's writer flushes every 100 ms); a key
    /// already stored for the run is skipped, so a point is stored once even across resumes.
    func saveResults(runID: Int64, _ results: [ResultRow]) async throws
    /// Stores a batch of log entries in one statement, in order.
    func log(runID: Int64, _ entries: [LogRow]) async throws
    /// Marks a running run as alive, so a run whose process died can be told apart (`interrupted`).
    func heartbeat(runID: Int64) async throws
    /// Marks `running` runs whose heartbeat is older than `staleAfter` seconds as `interrupted`.
    @discardableResult
    func markInterruptedRuns(staleAfter: Double) async throws -> Int
    /// The keys of a run's stored points (assertion rows excluded): what `resume` must not send again.
    func resultKeys(runID: Int64) async throws -> Set<String>
    /// Sets an interrupted (or cancelled) run back to `running` before `resume` continues it.
    func reopenRun(id: Int64) async throws
    func finishRun(id: Int64, status: RunStatus, error: String?, metadata: JSONValue) async throws

    // Reading back.
    func run(id: Int64) async throws -> StoredRun?
    func results(runID: Int64) async throws -> [StoredResult]
    func logs(runID: Int64, limit: Int) async throws -> [StoredLog]
    func recentRuns(limit: Int) async throws -> [StoredRun]
}

public enum SessionKind: String, Sendable, Hashable {
    case repl, script, replay
}

public enum SessionStatus: String, Sendable, Hashable {
    case running, completed, failed, cancelled
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

    public init(
        id: Int64, instanceID: Int64, instanceName: String, sessionID: Int64?, cellID: Int64?, status: RunStatus,
        startedAt: Date?, completedAt: Date?, error: String?, metadata: JSONValue, definition: JSONValue
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
