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
        completionJSON(failure: failure).text
    }

    /// `completionText` as UTF-8, the form the connection sends.
    func completionJSON(failure: JSONValue? = nil) -> JSONWriter {
        var out = JSONWriter(capacity: 16 * 1024)
        writeEnvelope("chat.completion", into: &out)
        // The message's keys in sorted order, as `JSONValue.serialized()` writes an object.
        out.raw(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":{\"content\":")
        out.write(answer.text)
        out.raw(",\"reasoning\":null,\"refusal\":null,\"role\":\"assistant\"}")
        writeFinishReason(failure == nil ? answer.finishReason : "error", into: &out)
        writeLogprobs(for: answer.tokens, into: &out)
        if let failure {
            out.raw(",\"error\":")
            out.write(failure)
        }
        out.raw("}],\"usage\":")
        out.write(usage)
        out.raw("}")
        return out
    }

    /// `{"id":…,"provider":…,"model":…,"object":…,"created":…` without the closing brace.
    func writeEnvelope(_ object: String, into out: inout JSONWriter) {
        out.raw("{\"id\":")
        out.write(envelope.id)
        out.raw(",\"provider\":\"\(CompletionEnvelope.provider)\",\"model\":")
        out.write(envelope.model)
        out.raw(",\"object\":\"\(object)\",\"created\":\(envelope.created)")
    }

    /// `,"finish_reason":…,"native_finish_reason":…` with the same reason (or null) twice.
    func writeFinishReason(_ reason: String?, into out: inout JSONWriter) {
        let reason = JSONValue(reason)
        out.raw(",\"finish_reason\":")
        out.write(reason)
        out.raw(",\"native_finish_reason\":")
        out.write(reason)
    }

    /// `,"logprobs":…` as the request and the model allow, or nothing when not requested.
    func writeLogprobs(for tokens: [GeneratedToken], into out: inout JSONWriter) {
        guard logprobsRequested else { return }
        guard logprobsAvailable else {
            out.raw(",\"logprobs\":null")
            return
        }
        out.raw(",\"logprobs\":")
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
