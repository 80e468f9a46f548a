import AthanorCore

/// One model OpenRouter offers, as `:models` and completion show it.
public struct ModelInfo: Sendable, Hashable {
    public var id: String
    public var name: String
    /// USD per million prompt tokens; nil when OpenRouter did not say.
    public var promptPricePerMillion: Double?
    /// USD per million completion tokens; nil when OpenRouter did not say.
    public var completionPricePerMillion: Double?
    /// Whether `logprobs` is among the model's `supported_parameters`: without it an answer has no token table.
    public var supportsLogprobs: Bool
    /// Whether the entry lists its `supported_parameters` without `logprobs` or `top_logprobs`: it
    /// says it cannot return them. False when the entry lists no parameters at all (unknown, as
    /// plain OpenAI-compatible servers' lists are).
    public var lacksLogprobs: Bool

    public init(
        id: String, name: String, promptPricePerMillion: Double?, completionPricePerMillion: Double?,
        supportsLogprobs: Bool, lacksLogprobs: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.promptPricePerMillion = promptPricePerMillion
        self.completionPricePerMillion = completionPricePerMillion
        self.supportsLogprobs = supportsLogprobs
        self.lacksLogprobs = lacksLogprobs ?? !supportsLogprobs
    }

    /// One entry of `GET /models`' `data`; nil without an id. Prices arrive as strings of USD per token.
    public init?(listing entry: JSONValue) {
        guard let id = entry["id"]?.stringValue, !id.isEmpty else { return nil }
        self.id = id
        self.name = entry["name"]?.stringValue ?? id
        self.promptPricePerMillion = Self.perMillion(entry["pricing"]?["prompt"])
        self.completionPricePerMillion = Self.perMillion(entry["pricing"]?["completion"])
        let listed = entry["supported_parameters"]?.arrayValue?.compactMap(\.stringValue)
        let supported = listed ?? []
        self.supportsLogprobs = supported.contains("logprobs")
        self.lacksLogprobs = listed != nil && !(supported.contains("logprobs") && supported.contains("top_logprobs"))
    }

    /// The models in a `GET /models` body (`{"data": [...]}`), skipping entries without an id.
    public static func listing(from json: JSONValue) -> [ModelInfo] {
        (json["data"]?.arrayValue ?? []).compactMap(ModelInfo.init(listing:))
    }

    /// The shape kept in the disk cache.
    var cacheValue: JSONValue {
        [
            "id": .string(id), "name": .string(name), "prompt_per_million": JSONValue(promptPricePerMillion),
            "completion_per_million": JSONValue(completionPricePerMillion), "logprobs": .bool(supportsLogprobs),
            "lacks_logprobs": .bool(lacksLogprobs),
        ]
    }

    init?(cacheValue value: JSONValue) {
        guard let id = value["id"]?.stringValue else { return nil }
        self.init(
            id: id, name: value["name"]?.stringValue ?? id,
            promptPricePerMillion: value["prompt_per_million"]?.doubleValue,
            completionPricePerMillion: value["completion_per_million"]?.doubleValue,
            supportsLogprobs: value["logprobs"]?.boolValue ?? false,
            lacksLogprobs: value["lacks_logprobs"]?.boolValue ?? false)
    }

    private static func perMillion(_ value: JSONValue?) -> Double? {
        guard let value else { return nil }
        let perToken = value.doubleValue ?? value.stringValue.flatMap(Double.init)
        guard let perToken, perToken >= 0 else { return nil }  // OpenRouter's "-1" means "varies"
        return perToken * 1_000_000
    }
}
