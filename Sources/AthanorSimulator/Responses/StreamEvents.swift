import AthanorCore

/// The SSE body of a streamed answer (SPEC §3), as timed parts.
///
/// Two `: OPENROUTER PROCESSING` comments, one `data:` chunk per token with its logprobs
/// beside `delta`, a finish chunk, a usage chunk that repeats the finish reason (as 2026
/// traffic does), then `data: [DONE]`. The latency is spread evenly over the tokens.
struct StreamEvents {
    var body: CompletionBody

    func parts(latency: Duration, fault: SimulatedFault?) -> [HTTPResponse.StreamPart] {
        let tokens = body.answer.tokens
        let step = latency / (tokens.count + 1)
        var parts = [HTTPResponse.StreamPart(delay: step, text: ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n")]
        let cut = fault == .midstreamError || fault == .truncate ? min(3, tokens.count) : tokens.count
        for token in tokens.prefix(cut) {
            parts.append(.init(delay: step, text: event(choice(content: token.token, finish: nil, tokens: [token]))))
        }
        switch fault {
        case .truncate:
            return parts
        case .malformed:
            parts.append(.init(text: "data: {\"id\":\"\(body.envelope.id)\",\"choices\":[{\"delta\":\n\n"))
        case .midstreamError:
            var chunk = chunk(choice(content: "", finish: "error", tokens: nil)).objectValue ?? [:]
            chunk["error"] = ErrorBody.json(
                code: 502, message: "Provider disconnected unexpectedly",
                metadata: ["error_type": "provider_unavailable"])["error"]
            parts.append(.init(text: "data: \(JSONValue.object(chunk).serialized())\n\n"))
        default:
            let finish = body.answer.finishReason
            parts.append(.init(text: event(choice(content: "", finish: finish, tokens: nil))))
            var usage = chunk(choice(content: "", finish: finish, tokens: nil)).objectValue ?? [:]
            usage["usage"] = body.usage
            usage["service_tier"] = "default"
            parts.append(.init(text: "data: \(JSONValue.object(usage).serialized())\n\n"))
        }
        parts.append(.init(text: "data: [DONE]\n\n"))
        return parts
    }

    private func choice(content: String, finish: String?, tokens: [GeneratedToken]?) -> JSONValue {
        var choice: [String: JSONValue] = [
            "index": 0, "delta": ["role": "assistant", "content": .string(content)],
            "finish_reason": JSONValue(finish), "native_finish_reason": JSONValue(finish),
        ]
        if let tokens, let logprobs = body.logprobs(for: tokens) { choice["logprobs"] = logprobs }
        return .object(choice)
    }

    private func chunk(_ choice: JSONValue) -> JSONValue {
        body.envelope.object("chat.completion.chunk", ["choices": [choice]])
    }

    private func event(_ choice: JSONValue) -> String {
        "data: \(chunk(choice).serialized())\n\n"
    }
}
