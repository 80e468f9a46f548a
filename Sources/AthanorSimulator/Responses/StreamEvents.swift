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
        var parts = [
            HTTPResponse.StreamPart(delay: step, text: ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n")
        ]
        let cut = fault == .midstreamError || fault == .truncate ? min(3, tokens.count) : tokens.count
        for token in tokens.prefix(cut) {
            parts.append(.init(delay: step, text: event(content: token.token, finish: nil, tokens: [token])))
        }
        switch fault {
        case .truncate:
            return parts
        case .malformed:
            parts.append(.init(text: "data: {\"id\":\"\(body.envelope.id)\",\"choices\":[{\"delta\":\n\n"))
        case .midstreamError:
            let error =
                ErrorBody.json(
                    code: 502, message: "Provider disconnected unexpectedly",
                    metadata: ["error_type": "provider_unavailable"])["error"] ?? nil
            parts.append(.init(text: event(content: "", finish: "error", tokens: nil, extra: ["error": error])))
        default:
            let finish = body.answer.finishReason
            parts.append(.init(text: event(content: "", finish: finish, tokens: nil)))
            parts.append(
                .init(
                    text: event(
                        content: "", finish: finish, tokens: nil,
                        extra: ["usage": body.usage, "service_tier": "default"])))
        }
        parts.append(.init(text: "data: [DONE]\n\n"))
        return parts
    }

    /// The `endless-stream` fault's body: the keep-alive comments, then a unit of 64 chunks of
    /// the first token, repeated for as long as the client reads.
    func endless() -> (head: String, unit: String) {
        let token = body.answer.tokens.first ?? GeneratedToken(token: "x", logprob: -0.1, topLogprobs: [])
        let chunk = event(content: token.token, finish: nil, tokens: [token])
        return (": OPENROUTER PROCESSING\n\n", String(repeating: chunk, count: 64))
    }

    /// One `data:` line; `extra` adds top-level members such as `usage` or `error`.
    private func event(
        content: String, finish: String?, tokens: [GeneratedToken]?, extra: [String: JSONValue] = [:]
    ) -> String {
        var out = BodyBytes(capacity: tokens == nil ? 512 : 4096)
        out.append("data: ")
        body.writeEnvelope("chat.completion.chunk", into: &out)
        out.append(",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":")
        out.appendQuoted(content)
        out.append("}")
        body.writeFinishReason(finish, into: &out)
        if let tokens { body.writeLogprobs(for: tokens, into: &out) }
        out.append("}]")
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) {
            out.append(",\"\(key)\":")
            out.append(value)
        }
        out.append("}\n\n")
        return out.text
    }
}
