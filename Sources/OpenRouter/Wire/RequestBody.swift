import AthanorCore

/// The JSON body of `POST /chat/completions` for one request (SPEC §1).
///
/// Conservative on purpose: only parameters that are set are sent, because with
/// `require_parameters` every extra parameter narrows the endpoints that may serve the request
/// (SPEC §6.4). `max_tokens` is always sent so the credit pre-flight cannot assume the model's
/// maximum (SPEC §4, 402). The API key is never part of the body. In the plain OpenAI dialect
/// only standard fields are sent: a strict server rejects `provider` and `usage` with 400.
public enum RequestBody {
    public static func json(
        for request: CompletionRequest, dialect: APIDialect = .openRouter, requireParameters: Bool = true
    ) -> JSONValue {
        let p = request.parameters
        var body: [String: JSONValue] = [
            "model": .string(request.model),
            "messages": .array(request.messages.map(\.jsonValue)),
            "max_tokens": JSONValue(p.maxTokens),
            "logprobs": true,
            "top_logprobs": JSONValue(p.topLogprobs),
        ]
        if dialect == .openRouter {
            // Documented as a no-op, yet `cost` only appeared in recorded traffic when it was sent.
            body["usage"] = ["include": true]
            body["provider"] = provider(p.provider, requireParameters: requireParameters)
        }
        if let v = p.temperature { body["temperature"] = .number(v) }
        if let v = p.topP { body["top_p"] = .number(v) }
        if let v = p.seed { body["seed"] = JSONValue(v) }
        if let v = p.stop, !v.isEmpty { body["stop"] = .array(v.map { .string($0) }) }
        if let v = p.frequencyPenalty { body["frequency_penalty"] = .number(v) }
        if let v = p.presencePenalty { body["presence_penalty"] = .number(v) }
        if request.stream {
            body["stream"] = true
            // A no-op at OpenRouter, which always sends usage (SPEC §1); OpenAI-compatible servers
            // such as vLLM send the usage chunk only when asked.
            body["stream_options"] = ["include_usage": true]
        }
        return .object(body)
    }

    /// `require_parameters` merged under the user's routing object: the user's keys win, so it
    /// stays as configured unless the script set it itself.
    static func provider(_ user: JSONValue?, requireParameters: Bool) -> JSONValue {
        var merged: [String: JSONValue] = ["require_parameters": .bool(requireParameters)]
        for (key, value) in user?.objectValue ?? [:] { merged[key] = value }
        return .object(merged)
    }
}
