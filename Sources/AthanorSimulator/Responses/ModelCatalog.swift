import AthanorCore

/// The models the simulator admits to having, for `GET /models`, pricing and logprobs support.
///
/// Any other model id is still answered (so scripts may name whatever they like), priced as
/// `fallback`; only ids listed here with `supportsLogprobs: false` behave like an endpoint
/// that drops `logprobs`.
public struct ModelCatalog: Sendable {
    public struct Model: Sendable {
        public var id: String
        public var name: String
        public var contextLength: Int
        /// USD per token, kept as the strings OpenRouter sends.
        public var promptPrice: String
        public var completionPrice: String
        public var supportsLogprobs: Bool
    }

    public var models: [Model]

    public static let standard = ModelCatalog(models: [
        Model(
            id: "openai/gpt-4o-mini", name: "OpenAI: GPT-4o-mini", contextLength: 128_000,
            promptPrice: "0.00000015", completionPrice: "0.0000006", supportsLogprobs: true),
        Model(
            id: "meta-llama/llama-3.1-8b-instruct", name: "Meta: Llama 3.1 8B Instruct", contextLength: 131_072,
            promptPrice: "0.00000002", completionPrice: "0.00000005", supportsLogprobs: true),
        Model(
            id: "anthropic/claude-opus-4.5", name: "Anthropic: Claude Opus 4.5", contextLength: 200_000,
            promptPrice: "0.000005", completionPrice: "0.000025", supportsLogprobs: true),
        Model(
            id: "google/gemini-2.5-flash", name: "Google: Gemini 2.5 Flash", contextLength: 1_048_576,
            promptPrice: "0.0000003", completionPrice: "0.0000025", supportsLogprobs: false),
    ])

    static let fallback = Model(
        id: "", name: "", contextLength: 32_768, promptPrice: "0.000001", completionPrice: "0.000002",
        supportsLogprobs: true)

    public func model(_ id: String) -> Model {
        // Variants such as ":free" or ":nitro" share the base model's behaviour.
        let base = id.split(separator: ":", maxSplits: 1).first.map(String.init) ?? id
        return models.first { $0.id == base } ?? Self.fallback
    }

    /// The body of `GET /models`, optionally filtered like `?supported_parameters=logprobs`.
    public func listing(requiring parameters: [String]) -> JSONValue {
        let entries = models.compactMap { model -> JSONValue? in
            let supported = model.supportedParameters
            guard parameters.allSatisfy(supported.contains) else { return nil }
            return model.json
        }
        return ["data": .array(entries)]
    }
}

extension ModelCatalog.Model {
    var supportedParameters: [String] {
        var parameters = ["max_tokens", "seed", "stop", "temperature", "top_p"]
        if supportsLogprobs { parameters += ["logprobs", "top_logprobs"] }
        return parameters.sorted()
    }

    func cost(promptTokens: Int, completionTokens: Int) -> Double {
        Double(promptTokens) * (Double(promptPrice) ?? 0) + Double(completionTokens) * (Double(completionPrice) ?? 0)
    }

    var json: JSONValue {
        [
            "id": .string(id), "canonical_slug": .string(id), "name": .string(name), "created": 1_721_260_800,
            "description": "Simulated by athanor-sim.", "context_length": .number(Double(contextLength)),
            "architecture": [
                "modality": "text->text", "input_modalities": ["text"], "output_modalities": ["text"],
                "tokenizer": "Other", "instruct_type": nil,
            ],
            "pricing": [
                "prompt": .string(promptPrice), "completion": .string(completionPrice), "request": "0", "image": "0",
            ],
            "top_provider": [
                "context_length": .number(Double(contextLength)), "max_completion_tokens": 16_384,
                "is_moderated": false,
            ],
            "per_request_limits": nil,
            "supported_parameters": .array(supportedParameters.map(JSONValue.string)),
            "default_parameters": nil, "expiration_date": nil,
        ]
    }
}
