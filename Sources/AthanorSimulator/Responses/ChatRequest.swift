import AthanorCore

/// The parts of a chat-completions request body that shape the simulated answer.
public struct ChatRequest: Sendable, Equatable {
    public struct Message: Sendable, Equatable {
        public var role: String
        public var content: String
    }

    public var model: String
    public var messages: [Message]
    public var maxTokens: Int
    /// Alternatives per token; nil when `logprobs` was not requested.
    public var topLogprobs: Int?
    public var temperature: Double?
    public var seed: Int?
    public var stream: Bool
    public var requireParameters: Bool

    /// The final message's text when it is an assistant message (a prefill to continue).
    public var assistantPrefill: String? {
        guard let last = messages.last, last.role == "assistant" else { return nil }
        return last.content
    }

    /// The text that scenario rules are matched against.
    public var lastUserMessage: String {
        messages.last { $0.role == "user" }?.content ?? messages.last?.content ?? ""
    }

    /// Why a body was rejected, worded as OpenRouter's 400 messages are.
    public struct Invalid: Error, Sendable, Equatable {
        public var message: String
    }

    public init(json: JSONValue) throws(Invalid) {
        guard json.objectValue != nil else { throw Invalid(message: "Request body must be a JSON object") }
        model = json["model"]?.stringValue ?? "openai/gpt-4o-mini"
        guard let rawMessages = json["messages"]?.arrayValue, !rawMessages.isEmpty else {
            throw Invalid(message: "Input required: specify \"messages\" as a non-empty array")
        }
        messages = try rawMessages.map { (raw: JSONValue) throws(Invalid) -> Message in
            guard let role = raw["role"]?.stringValue else {
                throw Invalid(message: "Every message needs a string \"role\"")
            }
            return Message(role: role, content: Self.text(of: raw["content"]))
        }
        let limit = json["max_tokens"]?.intValue ?? json["max_completion_tokens"]?.intValue ?? 16
        guard limit >= 1 else { throw Invalid(message: "max_tokens must be at least 1") }
        maxTokens = limit
        let wantsLogprobs = json["logprobs"]?.boolValue ?? false
        let top = json["top_logprobs"]?.intValue ?? 0
        guard (0...20).contains(top) else {
            throw Invalid(message: "top_logprobs must be an integer between 0 and 20, got \(top)")
        }
        topLogprobs = wantsLogprobs ? top : nil
        temperature = json["temperature"]?.doubleValue
        seed = json["seed"]?.intValue
        stream = json["stream"]?.boolValue ?? false
        requireParameters = json["provider"]?["require_parameters"]?.boolValue ?? false
    }

    /// Message content is a string or an array of parts; only text parts count.
    private static func text(of content: JSONValue?) -> String {
        if let string = content?.stringValue { return string }
        let parts = content?.arrayValue ?? []
        return parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    }

    /// The stable seed of everything random about this answer.
    public var fingerprint: UInt64 {
        var hash = StableHash()
        hash.combine(model)
        for message in messages {
            hash.combine(message.role)
            hash.combine(message.content)
        }
        hash.combine(temperature.map { "\($0)" } ?? "default")
        hash.combine(seed.map { "\($0)" } ?? "none")
        return hash.value
    }
}
