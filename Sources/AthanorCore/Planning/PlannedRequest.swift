/// One request of a plan in full, as `--dry-run --full` and `--dry-run --format json` show it:
/// which point and turn it is, the model and the server it goes to, and exactly what would be
/// posted there (never a key).
///
/// A conversation's later turn carries the turns before it; their answers are not known before
/// anything is sent, so each stands as `⟨answer to turn N⟩`.
public struct PlannedRequest: Sendable {
    public var key: String
    public var label: String
    /// 1-based; a plain sweep's requests are all turn 1 of 1.
    public var turn: Int
    public var turns: Int
    public var modelName: String
    public var request: CompletionRequest
    public var wire: WireRequest

    public init(
        key: String, label: String, turn: Int, turns: Int, modelName: String, request: CompletionRequest,
        wire: WireRequest
    ) {
        self.key = key
        self.label = label
        self.turn = turn
        self.turns = turns
        self.modelName = modelName
        self.request = request
        self.wire = wire
    }

    /// Every request of a point, in turn order.
    public static func all(of point: PlanPoint, wire: (CompletionRequest) -> WireRequest) -> [PlannedRequest] {
        var conversation: [ChatMessage] = []
        var requests: [PlannedRequest] = []
        for (index, turn) in point.turns.enumerated() {
            conversation += turn.messages
            let request = CompletionRequest(
                model: turn.model.id, messages: conversation, parameters: turn.parameters,
                endpoint: turn.model.endpoint)
            requests.append(
                PlannedRequest(
                    key: point.key, label: point.label, turn: index + 1, turns: point.turns.count,
                    modelName: turn.model.name, request: request, wire: wire(request)))
            conversation.append(ChatMessage(role: .assistant, content: "⟨answer to turn \(index + 1)⟩"))
        }
        return requests
    }

    public var jsonValue: JSONValue {
        [
            "key": .string(key), "label": .string(label), "turn": JSONValue(turn), "turns": JSONValue(turns),
            "model": .string(modelName), "model_id": .string(request.model), "endpoint": JSONValue(request.endpoint),
            "url": .string(wire.url), "body": wire.body,
        ]
    }
}

/// A request as it goes on the wire: the URL it is posted to and its JSON body. The key travels
/// in a header and is never part of either.
public struct WireRequest: Sendable, Hashable {
    public var url: String
    public var body: JSONValue

    public init(url: String, body: JSONValue) {
        self.url = url
        self.body = body
    }

    /// Without a client to ask (tests, planning alone): the request as stored, posted to its
    /// endpoint's `/chat/completions` (or to the process's own server's, unnamed).
    public static func stored(_ request: CompletionRequest) -> WireRequest {
        WireRequest(url: (request.endpoint ?? "") + "/chat/completions", body: request.jsonValue)
    }
}
