import AthanorLanguage

/// Every request of one `ask` or `sweep`, fully resolved and counted before the first is sent.
public struct Plan: Sendable {
    public enum Kind: String, Sendable {
        case ask, sweep, conversation
        /// A sweep with `score:`: each point a chain of one request per token.
        case score
    }

    /// The most points one plan may have: beyond this a sweep is almost surely a mistake.
    public static let maximumPoints = 10_000_000

    public var name: String
    public var kind: Kind
    public var points: PlanPoints
    public var concurrency: Int
    /// The factors of the plan's size, e.g. `[("models", 2), ("countries", 3)]`.
    public var dimensions: [(name: String, count: Int)]
    /// The resolved definition, as stored in `experiment_instances.definition`.
    public var definition: JSONValue
    /// Requests to send: one per turn of every point; for scoring chains, the most they may send.
    public var requestCount: Int
    /// Every distinct model id the plan uses, in order of first use.
    public var modelIDs: [String]
    /// Every distinct server the plan sends to, in order of first use: a model's `endpoint`, or
    /// nil for the process's own server.
    public var endpoints: [String?]
    /// One handle for each distinct model id on each server, in order of first use (what the
    /// model lists are asked about).
    public var servedModels: [ModelHandle]
    /// What is worth saying before it is sent (a sweep variable that only makes identical
    /// requests), located in the source.
    public var warnings: [Diagnostic] = []

    /// A plan whose points are all in memory: counts are taken from them.
    init(
        name: String, kind: Kind, points: [PlanPoint], concurrency: Int, dimensions: [(name: String, count: Int)],
        definition: JSONValue
    ) {
        var seen: Set<String> = []
        var servers: Set<String?> = []
        let models = points.flatMap { $0.turns.map(\.model) }
        self.init(
            name: name, kind: kind, points: PlanPoints(points), concurrency: concurrency, dimensions: dimensions,
            definition: definition, requestCount: points.reduce(0) { $0 + $1.requestsAtMost },
            modelIDs: models.map(\.id).filter { seen.insert($0).inserted },
            endpoints: models.map(\.endpoint).filter { servers.insert($0).inserted },
            servedModels: Self.distinct(models))
    }

    /// The models, one for each id and server.
    static func distinct(_ models: [ModelHandle]) -> [ModelHandle] {
        var seen: Set<String> = []
        return models.filter { seen.insert(ModelFacts.key($0.id, endpoint: $0.endpoint)).inserted }
    }

    init(
        name: String, kind: Kind, points: PlanPoints, concurrency: Int, dimensions: [(name: String, count: Int)],
        definition: JSONValue, requestCount: Int, modelIDs: [String], endpoints: [String?],
        servedModels: [ModelHandle]
    ) {
        self.name = name
        self.kind = kind
        self.points = points
        self.concurrency = concurrency
        self.dimensions = dimensions
        self.definition = definition
        self.requestCount = requestCount
        self.modelIDs = modelIDs
        self.endpoints = endpoints
        self.servedModels = servedModels
    }

    /// "6 requests (2 models × 3 country)".
    public var summary: String {
        let requests = requestCount
        let factors = dimensions.filter { $0.count > 1 }.map { "\($0.count) \($0.name)" }
        var text = "\(requests) request\(requests == 1 ? "" : "s")"
        if kind == .score || (kind == .ask && points.first?.score != nil) {
            let chains = points.count
            text = "up to \(text), one per token, in \(chains) scoring chain\(chains == 1 ? "" : "s")"
        }
        if kind == .conversation { text += " in \(points.count) conversation\(points.count == 1 ? "" : "s")" }
        if !factors.isEmpty { text += " (" + factors.joined(separator: " × ") + ")" }
        return text
    }
}

/// One point of a plan: who it is (coordinates, key, label) and the turns to send (one, unless a
/// conversation).
public struct PlanPoint: Sendable {
    public var identity: PointIdentity
    public var index: Int
    public var variables: Record
    public var repeatIndex: Int
    public var turns: [PlannedTurn]
    /// The continuation this point scores (`score:`): its one turn is then the first step of a
    /// chain of requests, one per token (`ScoreChain`).
    public var score: String?

    public init(
        identity: PointIdentity, index: Int, variables: Record, repeatIndex: Int, turns: [PlannedTurn],
        score: String? = nil
    ) {
        self.identity = identity
        self.index = index
        self.variables = variables
        self.repeatIndex = repeatIndex
        self.turns = turns
        self.score = score
    }

    /// The most requests the point sends: one per turn; a scoring chain, one per byte of its
    /// continuation at most (each step consumes at least one).
    public var requestsAtMost: Int { score.map { max(1, $0.utf8.count) } ?? turns.count }

    /// The stable key of its coordinates, unique within the run (`PointIdentity`).
    public var key: String { identity.key }
    public var label: String { identity.label }
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
