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

    /// The full `chat.completion` body in OpenRouter's key order; `failure` turns it into a
    /// partial answer that ended in a provider error (`finish_reason: "error"` plus `choices[0].error`).
    public func completionText(failure: JSONValue? = nil) -> String {
        let finish = JSONValue.string(failure == nil ? answer.finishReason : "error").serialized()
        let message: JSONValue = ["role": "assistant", "content": .string(answer.text), "refusal": nil, "reasoning": nil]
        var out = envelopeText("chat.completion")
        out += ",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":"
        out += message.serialized()
        out += ",\"finish_reason\":\(finish),\"native_finish_reason\":\(finish)"
        appendLogprobs(for: answer.tokens, into: &out)
        if let failure { out += ",\"error\":" + failure.serialized() }
        out += "}],\"usage\":" + usage.serialized() + "}"
        return out
    }

    /// `{"id":…,"provider":…,"model":…,"object":…,"created":…` without the closing brace.
    func envelopeText(_ object: String) -> String {
        var out = "{\"id\":"
        LogprobsWriter.string(envelope.id, into: &out)
        out += ",\"provider\":\"\(CompletionEnvelope.provider)\",\"model\":"
        out += JSONValue.string(envelope.model).serialized()
        out += ",\"object\":\"\(object)\",\"created\":\(envelope.created)"
        return out
    }

    /// `,"logprobs":…` as the request and the model allow, or nothing when not requested.
    func appendLogprobs(for tokens: [GeneratedToken], into out: inout String) {
        guard logprobsRequested else { return }
        guard logprobsAvailable else {
            out += ",\"logprobs\":null"
            return
        }
        out += ",\"logprobs\":"
        LogprobsWriter.logprobs(tokens, into: &out)
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
