/// Every request of one `ask` or `sweep`, fully resolved and counted before the first is sent.
public struct Plan: Sendable {
    public enum Kind: String, Sendable {
        case ask, sweep, conversation
    }

    public var name: String
    public var kind: Kind
    public var points: [PlanPoint]
    public var concurrency: Int
    /// The factors of the plan's size, e.g. `[("models", 2), ("countries", 3)]`.
    public var dimensions: [(name: String, count: Int)]
    /// The resolved definition, as stored in `experiment_instances.definition`.
    public var definition: JSONValue

    /// Requests to send: one per turn of every point.
    public var requestCount: Int { points.reduce(0) { $0 + $1.turns.count } }

    /// Every distinct model id the plan uses, in order of first use.
    public var modelIDs: [String] {
        var seen: Set<String> = []
        return points.flatMap { $0.turns.map(\.model.id) }.filter { seen.insert($0).inserted }
    }

    /// "6 requests (2 models × 3 country)".
    public var summary: String {
        let requests = requestCount
        let factors = dimensions.filter { $0.count > 1 }.map { "\($0.count) \($0.name)" }
        var text = "\(requests) request\(requests == 1 ? "" : "s")"
        if kind == .conversation { text += " in \(points.count) conversation\(points.count == 1 ? "" : "s")" }
        if !factors.isEmpty { text += " (" + factors.joined(separator: " × ") + ")" }
        return text
    }
}

/// One point of a plan: its coordinates and the turns to send (one, unless a conversation).
public struct PlanPoint: Sendable {
    /// The `run_results` key, unique within the run.
    public var key: String
    public var index: Int
    public var variables: Record
    public var repeatIndex: Int
    public var turns: [PlannedTurn]

    public init(key: String, index: Int, variables: Record, repeatIndex: Int, turns: [PlannedTurn]) {
        self.key = key
        self.index = index
        self.variables = variables
        self.repeatIndex = repeatIndex
        self.turns = turns
    }
}

/// One request of a point. For a conversation's later turns `messages` holds only the new user
/// message; the executor prepends the conversation so far.
public struct PlannedTurn: Sendable {
    public var model: ModelHandle
    public var parameters: ModelParameters
    public var messages: [ChatMessage]

    public init(model: ModelHandle, parameters: ModelParameters, messages: [ChatMessage]) {
        self.model = model
        self.parameters = parameters
        self.messages = messages
    }
}
