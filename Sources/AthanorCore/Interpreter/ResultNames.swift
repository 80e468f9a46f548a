/// The names in scope for one result (language.md, "Names in scope for one result").
enum ResultNames {
    static let fixed = [
        "output", "tokens", "model", "model_id", "params", "finish_reason", "latency_ms", "prompt_tokens",
        "completion_tokens", "cost", "error", "turns", "key", "label", "repeat", "scored",
    ]

    static func names(for result: ResultValue) -> [String] {
        fixed + result.variables.keys
    }

    static func value(of name: String, in result: ResultValue, bindings: [String: Value]) -> Value? {
        let completion = result.completion
        switch name {
        case "output": return .string(result.output)
        case "tokens": return .list((completion?.tokens ?? []).map(tokenValue))
        case "model":
            return modelValue(result.modelName, id: result.modelID, parameters: result.parameters, bindings: bindings)
        case "model_id": return .string(result.modelID)
        case "params": return Value(json: result.parameters.jsonValue)
        case "finish_reason": return completion?.finishReason.map(Value.string) ?? .null
        case "latency_ms": return completion.map { .number($0.latencyMilliseconds) } ?? .null
        case "prompt_tokens": return completion?.usage.map { .number(Double($0.promptTokens)) } ?? .null
        case "completion_tokens": return completion?.usage.map { .number(Double($0.completionTokens)) } ?? .null
        case "cost": return completion?.usage?.cost.map(Value.number) ?? .null
        case "error": return result.error.map(Value.string) ?? .null
        case "key": return .string(result.key)
        case "label": return .string(result.label)
        case "repeat": return .number(Double(result.repeatIndex))
        case "scored": return result.score.map { Value(json: $0.jsonValue) } ?? .null
        case "turns":
            return .list(
                result.turns.enumerated().map { i, turn in
                    .record(
                        Record([
                            "turn": .number(Double(i + 1)),
                            "model": modelValue(
                                turn.modelName, id: turn.request.model, parameters: turn.request.parameters,
                                bindings: bindings),
                            "output": .string(turn.completion.text),
                            "tokens": .list((turn.completion.tokens ?? []).map(tokenValue)),
                            "finish_reason": turn.completion.finishReason.map(Value.string) ?? .null,
                        ]))
                })
        default: return result.variables[name]
        }
    }

    /// The model handle bound to `name` when there is one, so `model == llama` compares handles.
    static func modelValue(_ name: String, id: String, parameters: ModelParameters, bindings: [String: Value]) -> Value
    {
        if case .model(let handle)? = bindings[name] { return .model(handle) }
        return .model(ModelHandle(name: name, id: id, parameters: parameters))
    }

    static func tokenValue(_ token: TokenLogprob) -> Value {
        .record(
            Record([
                "text": .string(token.token),
                "logprob": .number(token.logprob),
                "prob": .number(token.probability),
                "top": .list(
                    token.top.map {
                        .record(
                            Record([
                                "text": .string($0.token), "logprob": .number($0.logprob),
                                "prob": .number($0.probability),
                            ]))
                    }),
            ]))
    }
}
