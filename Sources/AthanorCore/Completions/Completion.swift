/// A provider's answer to one request: the text, every token with its alternatives, and the bill.
public struct Completion: Sendable, Hashable {
    /// The generation id (`gen-…`), when the provider sent one.
    public var id: String?
    /// The model that actually served the request (may differ from the one asked for).
    public var model: String?
    /// The upstream provider that served it, e.g. `OpenAI`.
    public var provider: String?
    public var text: String
    public var finishReason: String?
    public var nativeFinishReason: String?
    /// Every generated token in order; nil when the provider returned no logprobs at all.
    public var tokens: [TokenLogprob]?
    public var usage: Usage?
    /// Wall time from sending the request to the last byte of the answer.
    public var latencyMilliseconds: Double
    /// Where the answer came from when no request was sent for it (nil: the provider answered).
    public var servedFrom: ServedFrom? = nil

    /// Answers that cost nothing because they were read back from PostgreSQL.
    public enum ServedFrom: String, Sendable, Hashable {
        /// The response cache (`--cache`): an identical request answered before.
        case cache
        /// An offline replay: the original session's stored answer for this point.
        case replay
    }

    public init(
        id: String? = nil, model: String? = nil, provider: String? = nil, text: String,
        finishReason: String? = nil, nativeFinishReason: String? = nil, tokens: [TokenLogprob]?,
        usage: Usage? = nil, latencyMilliseconds: Double = 0
    ) {
        self.id = id
        self.model = model
        self.provider = provider
        self.text = text
        self.finishReason = finishReason
        self.nativeFinishReason = nativeFinishReason
        self.tokens = tokens
        self.usage = usage
        self.latencyMilliseconds = latencyMilliseconds
    }

    /// Whether the answer came with logprobs the language can read: a token for the text (none for
    /// an empty text), each with a finite log probability at most 0, as are its alternatives'.
    /// An answer without them is stored and counted (`RunTotals.withoutLogprobs`), never read as zeros.
    public var hasUsableLogprobs: Bool {
        guard let tokens, !tokens.isEmpty || text.isEmpty else { return false }
        return tokens.allSatisfy { token in
            Self.isLogprob(token.logprob) && token.top.allSatisfy { Self.isLogprob($0.logprob) }
        }
    }

    private static func isLogprob(_ value: Double) -> Bool { value.isFinite && value <= 0 }

    public struct Usage: Sendable, Hashable {
        public var promptTokens: Int
        public var completionTokens: Int
        public var totalTokens: Int
        /// OpenRouter credits (≈ USD); nil when the provider did not report it.
        public var cost: Double?

        public init(promptTokens: Int, completionTokens: Int, totalTokens: Int? = nil, cost: Double? = nil) {
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.totalTokens = totalTokens ?? promptTokens + completionTokens
            self.cost = cost
        }

        public var jsonValue: JSONValue {
            [
                "prompt_tokens": .number(Double(promptTokens)),
                "completion_tokens": .number(Double(completionTokens)),
                "total_tokens": .number(Double(totalTokens)),
                "cost": JSONValue(cost),
            ]
        }

        public init?(json: JSONValue?) {
            guard let json, json.objectValue != nil else { return nil }
            self.init(
                promptTokens: json["prompt_tokens"]?.intValue ?? 0,
                completionTokens: json["completion_tokens"]?.intValue ?? 0,
                totalTokens: json["total_tokens"]?.intValue,
                cost: json["cost"]?.doubleValue
            )
        }
    }
}

extension Completion {
    /// The completion as in `run_results.value["response"]`: OpenRouter's field names, with
    /// `logprobs` in OpenRouter's own shape (`{"content": [...]}`, or null when none came back).
    public var jsonValue: JSONValue { JSONValue(writing: { write(to: &$0) }) }

    /// Writes `jsonValue`'s shape straight to JSON text; `stored` leaves out the tokens' `bytes`
    /// that say nothing more than their text (see `TokenLogprob.write(to:stored:)`).
    public func write(to writer: inout JSONWriter, stored: Bool = false) {
        writer.beginObject()
        writer.key("id")
        writer.write(id)
        writer.key("model")
        writer.write(model)
        writer.key("provider")
        writer.write(provider)
        writer.key("content")
        writer.write(text)
        writer.key("finish_reason")
        writer.write(finishReason)
        writer.key("native_finish_reason")
        writer.write(nativeFinishReason)
        writer.key("logprobs")
        if let tokens {
            writer.beginObject()
            writer.key("content")
            writer.beginArray()
            for token in tokens { token.write(to: &writer, stored: stored) }
            writer.endArray()
            writer.endObject()
        } else {
            writer.write(nil as String?)
        }
        writer.key("usage")
        writer.write(usage?.jsonValue ?? .null)
        writer.key("latency_ms")
        writer.write(latencyMilliseconds)
        writer.key("served_from")
        writer.write(servedFrom?.rawValue)
        writer.endObject()
    }

    /// Reads back what `write(to:stored:)` wrote, in either form.
    public init?(json: JSONValue) {
        guard json.objectValue != nil else { return nil }
        let tokens = json["logprobs"]?["content"]?.arrayValue.map { $0.compactMap(TokenLogprob.init(storedJSON:)) }
        self.init(
            id: json["id"]?.stringValue, model: json["model"]?.stringValue, provider: json["provider"]?.stringValue,
            text: json["content"]?.stringValue ?? "", finishReason: json["finish_reason"]?.stringValue,
            nativeFinishReason: json["native_finish_reason"]?.stringValue, tokens: tokens,
            usage: Usage(json: json["usage"]), latencyMilliseconds: json["latency_ms"]?.doubleValue ?? 0
        )
        servedFrom = json["served_from"]?.stringValue.flatMap(ServedFrom.init(rawValue:))
    }
}
