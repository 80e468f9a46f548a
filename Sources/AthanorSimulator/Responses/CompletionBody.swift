import AthanorCore

/// JSON for a simulated answer: the non-streaming body and the pieces the stream reuses.
///
/// Shapes follow SPEC §2: `choices[0].logprobs` is `{content, refusal: null}` when logprobs
/// were requested and available, `null` when requested but unavailable, and absent otherwise.
public struct CompletionBody: Sendable {
    public var envelope: CompletionEnvelope
    public var answer: GeneratedAnswer
    public var pricing: ModelCatalog.Model
    /// Whether `logprobs` was asked for.
    public var logprobsRequested: Bool
    /// False when the model or a fault drops logprobs.
    public var logprobsAvailable: Bool

    /// The full `chat.completion` object; `failure` turns it into a partial answer that
    /// ended in a provider error (`finish_reason: "error"` plus `choices[0].error`).
    public func completion(failure: JSONValue? = nil) -> JSONValue {
        var choice: [String: JSONValue] = [
            "index": 0,
            "finish_reason": .string(failure == nil ? answer.finishReason : "error"),
            "native_finish_reason": .string(failure == nil ? answer.finishReason : "error"),
            "message": ["role": "assistant", "content": .string(answer.text), "refusal": nil, "reasoning": nil],
        ]
        if let logprobs = logprobs(for: answer.tokens) { choice["logprobs"] = logprobs }
        if let failure { choice["error"] = failure }
        return envelope.object("chat.completion", [
            "system_fingerprint": nil, "choices": [.object(choice)], "usage": usage,
        ])
    }

    func logprobs(for tokens: [GeneratedToken]) -> JSONValue? {
        guard logprobsRequested else { return nil }
        guard logprobsAvailable else { return .null }
        return ["content": .array(tokens.map(Self.entry)), "refusal": nil]
    }

    static func entry(_ token: GeneratedToken) -> JSONValue {
        var members = alternative(token.token, token.logprob).objectValue ?? [:]
        members["top_logprobs"] = .array(token.topLogprobs.map { alternative($0.token, $0.logprob) })
        return .object(members)
    }

    private static func alternative(_ token: String, _ logprob: Double) -> JSONValue {
        ["token": .string(token), "logprob": .number(logprob), "bytes": .array(token.utf8.map { .number(Double($0)) })]
    }

    var usage: JSONValue {
        let completionTokens = answer.tokens.count
        let promptCost = pricing.cost(promptTokens: answer.promptTokens, completionTokens: 0)
        let completionCost = pricing.cost(promptTokens: 0, completionTokens: completionTokens)
        return [
            "prompt_tokens": .number(Double(answer.promptTokens)),
            "completion_tokens": .number(Double(completionTokens)),
            "total_tokens": .number(Double(answer.promptTokens + completionTokens)),
            "prompt_tokens_details": ["cached_tokens": 0],
            "completion_tokens_details": ["reasoning_tokens": 0],
            "cost": .number(promptCost + completionCost),
            "is_byok": false,
            "cost_details": [
                "upstream_inference_cost": nil,
                "upstream_inference_prompt_cost": .number(promptCost),
                "upstream_inference_completions_cost": .number(completionCost),
            ],
        ]
    }
}
