/// The sampling parameters of a request: a model's defaults overlaid by a sweep's `params`.
///
/// `nil` means "not sent": OpenRouter then leaves the provider's default in place. `maxTokens` and
/// `topLogprobs` always have a value, because an unbounded request can fail OpenRouter's credit
/// pre-flight (SPEC §4) and logprobs are the point of the tool.
public struct ModelParameters: Sendable, Hashable {
    public static let defaultMaxTokens = 256
    public static let defaultTopLogprobs = 20
    public static let topLogprobsRange = 0...20

    /// Every key a script may set, in the order error messages list them.
    public static let knownKeys = [
        "temperature", "top_p", "max_tokens", "seed", "stop", "frequency_penalty", "presence_penalty",
        "top_logprobs", "provider",
    ]

    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int
    public var seed: Int?
    public var stop: [String]?
    public var frequencyPenalty: Double?
    public var presencePenalty: Double?
    public var topLogprobs: Int
    /// OpenRouter's provider routing object, passed through as given.
    public var provider: JSONValue?

    public init(
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int = ModelParameters.defaultMaxTokens,
        seed: Int? = nil, stop: [String]? = nil, frequencyPenalty: Double? = nil, presencePenalty: Double? = nil,
        topLogprobs: Int = ModelParameters.defaultTopLogprobs, provider: JSONValue? = nil
    ) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.seed = seed
        self.stop = stop
        self.frequencyPenalty = frequencyPenalty
        self.presencePenalty = presencePenalty
        self.topLogprobs = topLogprobs
        self.provider = provider
    }

    /// The parameters as a record of the keys a script would write (only those that are set).
    public var jsonValue: JSONValue {
        var o: [String: JSONValue] = [
            "max_tokens": .number(Double(maxTokens)), "top_logprobs": .number(Double(topLogprobs)),
        ]
        if let temperature { o["temperature"] = .number(temperature) }
        if let topP { o["top_p"] = .number(topP) }
        if let seed { o["seed"] = .number(Double(seed)) }
        if let stop { o["stop"] = .array(stop.map { .string($0) }) }
        if let frequencyPenalty { o["frequency_penalty"] = .number(frequencyPenalty) }
        if let presencePenalty { o["presence_penalty"] = .number(presencePenalty) }
        if let provider { o["provider"] = provider }
        return .object(o)
    }
}
