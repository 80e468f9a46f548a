/// What a running cell has to say, as data; the terminal renders it, `--format json` serializes it.
public enum CellEvent: Sendable {
    /// A plan about to run (or, in a dry run, instead of running).
    case plan(PlanSummary)
    /// One point finished (for progress lines).
    case progress(RunProgress)
    /// A piece of a live `ask`'s answer, as it arrives (before its `answers`).
    case answerDelta(AnswerDelta)
    /// An `ask` finished: each answer with its tokens.
    case answers(RunValue, RunTotals)
    /// A `sweep` finished.
    case runFinished(RunValue, RunTotals)
    case assertion(AssertionReport)
    case table(ResultTable)
    case value(Value)
    /// Plain lines from meta-commands.
    case text(String)
    case warning(String)
}

/// Receives a cell's events as they happen.
public protocol CellOutput: Sendable {
    func emit(_ event: CellEvent)
    /// Whether it shows an `ask`'s answer as it arrives (`answerDelta` events); when not, the
    /// request is not streamed at all.
    var showsLiveAnswers: Bool { get }
}

extension CellOutput {
    public var showsLiveAnswers: Bool { false }
}

/// A plan as the user sees it before it runs.
public struct PlanSummary: Sendable {
    public var name: String
    public var kind: Plan.Kind
    /// "6 requests (2 models × 3 country)"
    public var summary: String
    public var requests: Int
    public var points: Int
    public var concurrency: Int
    public var models: [String]
    /// The servers its models name, nil for the process's own (`Plan.endpoints`).
    public var endpoints: [String?]
    public var dryRun: Bool
    /// What its requests would cost at most (`CostEstimate`).
    public var cost: CostEstimate
    /// In a dry run: each point's key and its first request's messages.
    public var preview: [(key: String, model: String, messages: [ChatMessage])]
    /// In a dry run with full plans: every request of every point, as it would be posted.
    public var plannedRequests: [PlannedRequest] = []
    /// Models (`ModelFacts.key`) whose model-list entry says they do not support logprobs.
    public var withoutLogprobs: [String] = []

    public var jsonValue: JSONValue {
        [
            "name": .string(name), "kind": .string(kind.rawValue), "requests": .number(Double(requests)),
            "points": .number(Double(points)), "concurrency": .number(Double(concurrency)),
            "models": .array(models.map(JSONValue.string)), "endpoints": .array(endpoints.map { JSONValue($0) }),
            "summary": .string(summary), "cost": cost.jsonValue,
            "preview": .array(
                preview.map {
                    [
                        "key": .string($0.key), "model": .string($0.model),
                        "messages": .array($0.messages.map(\.jsonValue)),
                    ]
                }),
            "planned_requests": .array(plannedRequests.map(\.jsonValue)),
            "without_logprobs": .array(withoutLogprobs.map(JSONValue.string)),
        ]
    }

    /// The warning for models whose model-list entry says they cannot return logprobs; nil when none does.
    public var logprobsWarning: String? {
        guard !withoutLogprobs.isEmpty else { return nil }
        let many = withoutLogprobs.count > 1
        return "the model list says \(withoutLogprobs.joined(separator: ", ")) \(many ? "do" : "does") not support "
            + "logprobs (\(many ? "their" : "its") supported_parameters lack logprobs or top_logprobs): \(many ? "their" : "its") "
            + "requests may fail or come back without token logprobs"
    }
}

/// Rows over a run's results (or a list of records), with chosen columns.
public struct ResultTable: Sendable {
    public var title: String?
    public var columns: [String]
    public var rows: [[TableCell]]

    public init(title: String? = nil, columns: [String], rows: [[TableCell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// One cell of a table: a value, or the error that evaluating it raised for that row.
public enum TableCell: Sendable, Hashable {
    case value(Value)
    case error(String)

    public var jsonValue: JSONValue {
        switch self {
        case .value(let v): v.jsonValue
        case .error(let e): ["error": .string(e)]
        }
    }
}
