/// One point of a run: its coordinates, what was asked, and what came back (or the error).
public struct ResultValue: Sendable, Hashable {
    /// The point's key: a stable hash of its coordinates (`PointIdentity`), what runs pair by.
    public var key: String
    /// The coordinates for people, e.g. `model=mini;country=France`.
    public var label: String
    public var index: Int
    /// The model's name in the script (for conversations, the last turn's model).
    public var modelName: String
    public var modelID: String
    /// The sweep's variables at this point.
    public var variables: Record
    /// The parameters actually sent.
    public var parameters: ModelParameters
    public var repeatIndex: Int
    /// One turn for `ask` and plain sweeps; every turn for conversations.
    public var turns: [Turn]
    /// Why the point failed, when it did.
    public var error: String?
    /// A scored point's chain (`score:`): its `turns` are the chain's steps, and `completion` is the
    /// scored text as one answer, one token per step.
    public var score: ScoreChain?

    public struct Turn: Sendable, Hashable {
        public var modelName: String
        public var request: CompletionRequest
        public var completion: Completion

        public init(modelName: String, request: CompletionRequest, completion: Completion) {
            self.modelName = modelName
            self.request = request
            self.completion = completion
        }
    }

    public init(
        key: String, label: String? = nil, index: Int, modelName: String, modelID: String, variables: Record,
        parameters: ModelParameters,
        repeatIndex: Int, turns: [Turn], error: String?, score: ScoreChain? = nil
    ) {
        self.key = key
        self.label = label ?? key
        self.index = index
        self.modelName = modelName
        self.modelID = modelID
        self.variables = variables
        self.parameters = parameters
        self.repeatIndex = repeatIndex
        self.turns = turns
        self.error = error
        self.score = score
    }

    /// The last turn's completion: what `output`, `tokens` and the logprob functions read. For a
    /// scored point, the scored text with one token per step (nil when no step was answered).
    public var completion: Completion? {
        if let score {
            return turns.isEmpty ? nil : score.completion(steps: turns.map(\.completion))
        }
        return turns.last?.completion
    }
    public var output: String { completion?.text ?? "" }
}
