/// Writes one run's results and logs to the store as they happen, and keeps its totals.
///
/// A store failure is remembered and reported when the run ends, not thrown into the middle of
/// requests that are already paid for.
actor Recorder {
    let store: any RunStore
    let runID: Int64
    private(set) var totals = RunTotals()
    private(set) var storeFailure: String?

    init(store: any RunStore, runID: Int64) {
        self.store = store
        self.runID = runID
    }

    func log(_ level: LogLevel, _ message: String, _ metadata: JSONValue = [:]) async {
        do {
            try await store.log(runID: runID, level: level, message: message, metadata: metadata)
        } catch {
            storeFailure = storeFailure ?? "\(error)"
        }
    }

    func requestSent() {
        totals.requests += 1
    }

    func save(_ result: ResultValue) async {
        totals.points += 1
        if result.error != nil { totals.failures += 1 }
        for turn in result.turns {
            totals.promptTokens += turn.completion.usage?.promptTokens ?? 0
            totals.completionTokens += turn.completion.usage?.completionTokens ?? 0
            totals.cost += turn.completion.usage?.cost ?? 0
            totals.latencyMilliseconds += turn.completion.latencyMilliseconds
            totals.answeredTurns += 1
        }
        do {
            try await store.saveResult(runID: runID, key: result.key, value: result.jsonValue)
        } catch {
            storeFailure = storeFailure ?? "\(error)"
        }
    }
}

/// What a run consumed, kept in `experiment_runs.metadata` when it ends.
public struct RunTotals: Sendable, Hashable {
    public var points = 0
    public var requests = 0
    public var failures = 0
    public var answeredTurns = 0
    public var promptTokens = 0
    public var completionTokens = 0
    public var cost = 0.0
    /// Summed request latency (for the mean), not wall time.
    public var latencyMilliseconds = 0.0
    public var wallMilliseconds = 0.0

    public init() {}

    public var meanLatencyMilliseconds: Double { answeredTurns == 0 ? 0 : latencyMilliseconds / Double(answeredTurns) }

    public var jsonValue: JSONValue {
        [
            "points": .number(Double(points)), "requests": .number(Double(requests)), "failures": .number(Double(failures)),
            "prompt_tokens": .number(Double(promptTokens)), "completion_tokens": .number(Double(completionTokens)),
            "total_tokens": .number(Double(promptTokens + completionTokens)), "cost": .number(cost),
            "mean_latency_ms": .number(meanLatencyMilliseconds.rounded()), "wall_ms": .number(wallMilliseconds.rounded()),
        ]
    }

    public init(json: JSONValue) {
        points = json["points"]?.intValue ?? 0
        requests = json["requests"]?.intValue ?? 0
        failures = json["failures"]?.intValue ?? 0
        promptTokens = json["prompt_tokens"]?.intValue ?? 0
        completionTokens = json["completion_tokens"]?.intValue ?? 0
        cost = json["cost"]?.doubleValue ?? 0
        wallMilliseconds = json["wall_ms"]?.doubleValue ?? 0
        answeredTurns = points
        latencyMilliseconds = (json["mean_latency_ms"]?.doubleValue ?? 0) * Double(points)
    }
}
