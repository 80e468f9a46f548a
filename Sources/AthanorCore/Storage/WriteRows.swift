import Foundation

/// One result waiting in the run's writer: its point, the value to store in `run_results.value`
/// (already jsonb text), and the numbers a run's totals add up.
///
/// Serialized by the task that finished the point, not by the writer: the text is a quarter of
/// the memory of the `JSONValue` tree it comes from, and the writer's one thread only binds it.
public struct ResultRow: Sendable {
    public var key: String
    /// The point's index in the plan; nil for a row without a plan.
    public var pointIndex: Int?
    /// The value as JSON that PostgreSQL's jsonb accepts (`JSONValue.serializedForJSONB()`).
    public var json: String
    public var failed = false
    /// An answer came back for a turn of the point without usable logprobs (`Completion.hasUsableLogprobs`).
    public var withoutLogprobs = false
    /// Requests sent for the point, retries included (none for an answer from a cache or replay).
    public var requests = 0
    public var answeredTurns = 0
    public var promptTokens = 0
    public var completionTokens = 0
    public var cost = 0.0
    public var latencyMilliseconds = 0.0

    public init(key: String, value: JSONValue) {
        self.init(key: key, json: value.serializedForJSONB())
        failed = value["error"]?.stringValue != nil
    }

    /// A row whose value is already jsonb text (`ResultValue.jsonbText`).
    public init(key: String, pointIndex: Int? = nil, json: String) {
        self.key = key
        self.pointIndex = pointIndex
        self.json = json
    }

    /// A finished point's row, with its numbers.
    public init(_ result: ResultValue, requests: Int) {
        self.init(key: result.key, pointIndex: result.index, json: result.jsonbText)
        failed = result.error != nil
        self.requests = requests
        for turn in result.turns {
            answeredTurns += 1
            promptTokens += turn.completion.usage?.promptTokens ?? 0
            completionTokens += turn.completion.usage?.completionTokens ?? 0
            cost += turn.completion.usage?.cost ?? 0
            latencyMilliseconds += turn.completion.latencyMilliseconds
            if !turn.completion.hasUsableLogprobs { withoutLogprobs = true }
        }
    }
}

/// What a run's writer sends in one statement.
public struct RunWrite: Sendable {
    public var logs: [LogRow] = []
    public var results: [ResultRow] = []
    /// Points whose first request went out and whose result is not in `results`.
    public var sent: [Int] = []
    /// The worker that wrote it (`WorkQueue`): its results are stored only for points it still
    /// holds; nil for the run's own process.
    public var worker: Int64?

    public init(logs: [LogRow] = [], results: [ResultRow] = [], sent: [Int] = [], worker: Int64? = nil) {
        self.logs = logs
        self.results = results
        self.sent = sent
        self.worker = worker
    }

    public var isEmpty: Bool { logs.isEmpty && results.isEmpty && sent.isEmpty }
}

/// One log entry waiting in the run's writer; `timestamp` is when it happened, not when it was flushed.
public struct LogRow: Sendable {
    public var level: LogLevel
    public var message: String
    public var metadata: JSONValue
    public var timestamp: Date

    public init(level: LogLevel, message: String, metadata: JSONValue, timestamp: Date = Date()) {
        self.level = level
        self.message = message
        self.metadata = metadata
        self.timestamp = timestamp
    }
}
