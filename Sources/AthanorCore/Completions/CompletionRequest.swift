/// One fully resolved chat-completion request: what the planner produces and a provider sends.
public struct CompletionRequest: Sendable, Hashable {
    /// The OpenRouter model id, e.g. `openai/gpt-4o-mini`.
    public var model: String
    public var messages: [ChatMessage]
    public var parameters: ModelParameters
    /// Ask for server-sent events so tokens can be shown as they arrive.
    public var stream: Bool
    /// The plain OpenAI-compatible server the model names (`ModelHandle.endpoint`); nil for the
    /// process's own server.
    public var endpoint: String?

    public init(
        model: String, messages: [ChatMessage], parameters: ModelParameters = ModelParameters(), stream: Bool = false,
        endpoint: String? = nil
    ) {
        self.model = model
        self.messages = messages
        self.parameters = parameters
        self.stream = stream
        self.endpoint = endpoint
    }

    /// The request as stored with a result: model, messages, parameters and the endpoint a model
    /// names (never credentials).
    public var jsonValue: JSONValue {
        var json: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array(messages.map(\.jsonValue)),
            "params": parameters.jsonValue,
        ]
        if let endpoint { json["endpoint"] = .string(endpoint) }
        return .object(json)
    }
}
