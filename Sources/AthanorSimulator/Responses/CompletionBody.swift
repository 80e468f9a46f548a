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
    func completionJSON(failure: JSONValue? = nil) -> BodyBytes {
        var out = BodyBytes(capacity: 16 * 1024)
        writeEnvelope("chat.completion", into: &out)
        // The message's keys in sorted order, as `JSONValue.serialized()` writes an object.
        out.append(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":{\"content\":")
        out.appendQuoted(answer.text)
        out.append(",\"reasoning\":null,\"refusal\":null,\"role\":\"assistant\"}")
        writeFinishReason(failure == nil ? answer.finishReason : "error", into: &out)
        writeLogprobs(for: answer.tokens, into: &out)
        if let failure {
            out.append(",\"error\":")
            out.append(failure)
        }
        out.append("}],\"usage\":")
        writeUsage(into: &out)
        out.append("}")
        return out
    }

    /// `usage` written by hand, the same bytes as `JSONWriter` (keys sorted) but without building
    /// and sorting dictionaries for every request.
    func writeUsage(into out: inout BodyBytes) {
        let completionTokens = answer.tokens.count
        let (promptCost, completionCost) = costs
        out.append("{\"completion_tokens\":")
        out.append(number: Double(completionTokens))
        out.append(",\"completion_tokens_details\":{\"reasoning_tokens\":0},\"cost\":")
        out.append(number: promptCost + completionCost)
        out.append(",\"cost_details\":{\"upstream_inference_completions_cost\":")
        out.append(number: completionCost)
        out.append(",\"upstream_inference_cost\":null,\"upstream_inference_prompt_cost\":")
        out.append(number: promptCost)
        out.append("},\"is_byok\":false,\"prompt_tokens\":")
        out.append(number: Double(answer.promptTokens))
        out.append(",\"prompt_tokens_details\":{\"cached_tokens\":0},\"total_tokens\":")
        out.append(number: Double(answer.promptTokens + completionTokens))
        out.append("}")
    }

    /// What the prompt and the completion cost, in USD.
    private var costs: (prompt: Double, completion: Double) {
        (
            pricing.cost(promptTokens: answer.promptTokens, completionTokens: 0),
            pricing.cost(promptTokens: 0, completionTokens: answer.tokens.count)
        )
    }

    /// `{"id":…,"provider":…,"model":…,"object":…,"created":…` without the closing brace.
    func writeEnvelope(_ object: String, into out: inout BodyBytes) {
        out.append("{\"id\":")
        out.appendQuoted(envelope.id)
        out.append(",\"provider\":\"\(CompletionEnvelope.provider)\",\"model\":")
        out.appendQuoted(envelope.model)
        out.append(",\"object\":\"\(object)\",\"created\":\(envelope.created)")
    }

    /// `,"finish_reason":…,"native_finish_reason":…` with the same reason (or null) twice.
    func writeFinishReason(_ reason: String?, into out: inout BodyBytes) {
        func value() {
            if let reason { out.appendQuoted(reason) } else { out.append("null") }
        }
        out.append(",\"finish_reason\":")
        value()
        out.append(",\"native_finish_reason\":")
        value()
    }

    /// `,"logprobs":…` as the request and the model allow, or nothing when not requested.
    func writeLogprobs(for tokens: [GeneratedToken], into out: inout BodyBytes) {
        guard logprobsRequested else { return }
        guard logprobsAvailable else {
            out.append(",\"logprobs\":null")
            return
        }
        out.append(",\"logprobs\":")
        LogprobsWriter.logprobs(tokens, into: &out)
    }

    var usage: JSONValue {
        let completionTokens = answer.tokens.count
        let (promptCost, completionCost) = costs
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
