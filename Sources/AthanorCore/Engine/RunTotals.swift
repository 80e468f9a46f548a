/// What a run consumed, kept in `experiment_runs.metadata` when it ends.
public struct RunTotals: Sendable, Hashable {
    public var points = 0
    public var requests = 0
    public var failures = 0
    /// Points answered without usable logprobs (`Completion.hasUsableLogprobs`) in some turn.
    public var withoutLogprobs = 0
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
            "points": .number(Double(points)), "requests": .number(Double(requests)),
            "failures": .number(Double(failures)), "without_logprobs": .number(Double(withoutLogprobs)),
            "prompt_tokens": .number(Double(promptTokens)), "completion_tokens": .number(Double(completionTokens)),
            "total_tokens": .number(Double(promptTokens + completionTokens)), "cost": .number(cost),
            "mean_latency_ms": .number(meanLatencyMilliseconds.rounded()),
            "wall_ms": .number(wallMilliseconds.rounded()),
        ]
    }

    public init(json: JSONValue) {
        points = json["points"]?.intValue ?? 0
        requests = json["requests"]?.intValue ?? 0
        failures = json["failures"]?.intValue ?? 0
        withoutLogprobs = json["without_logprobs"]?.intValue ?? 0
        promptTokens = json["prompt_tokens"]?.intValue ?? 0
        completionTokens = json["completion_tokens"]?.intValue ?? 0
        cost = json["cost"]?.doubleValue ?? 0
        wallMilliseconds = json["wall_ms"]?.doubleValue ?? 0
        answeredTurns = points
        latencyMilliseconds = (json["mean_latency_ms"]?.doubleValue ?? 0) * Double(points)
    }
}
