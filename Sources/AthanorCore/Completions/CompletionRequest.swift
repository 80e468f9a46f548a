/// One fully resolved chat-completion request: what the planner produces and a provider sends.
public struct CompletionRequest: Sendable, Hashable {
    /// The OpenRouter model id, e.g. `openai/gpt-4o-mini`.
    public var model: String
    public var messages: [ChatMessage]
    public var parameters: ModelParameters
    /// Ask for server-sent events so tokens can be shown as they arrive.
    public var stream: Bool

    public init(
        model: String, messages: [ChatMessage], parameters: ModelParameters = ModelParameters(), stream: Bool = false
    ) {
        self.model = model
        self.messages = messages
        self.parameters = parameters
        self.stream = stream
    }

    /// The request as stored with a result: model, messages and parameters (never credentials).
    public var jsonValue: JSONValue {
        [
            "model": .string(model),
            "messages": .array(messages.map(\.jsonValue)),
            "params": parameters.jsonValue,
        ]
    }
}
