/// A result as stored in `run_results.value`, and read back for `run(ID)` and replay.
///
/// One turn: `request` and `response` (OpenRouter's field names, `logprobs.content` in its own
/// shape). A conversation: `turns`, each with its own request and response. Both carry the point's
/// coordinates (`model`, `model_id`, `vars`, `params`, `repeat`) and `error`.
extension ResultValue {
    public var jsonValue: JSONValue {
        var o: [String: JSONValue] = [
            "index": .number(Double(index)),
            "model": .string(modelName),
            "model_id": .string(modelID),
            "vars": variables.jsonValue,
            "params": parameters.jsonValue,
            "repeat": .number(Double(repeatIndex)),
            "error": JSONValue(error),
            "output": .string(output),
        ]
        if turns.count == 1, let turn = turns.first {
            o["request"] = turn.request.jsonValue
            o["response"] = turn.completion.jsonValue
        } else if !turns.isEmpty {
            o["turns"] = .array(
                turns.enumerated().map { i, turn in
                    [
                        "turn": .number(Double(i + 1)), "model": .string(turn.modelName),
                        "request": turn.request.jsonValue, "response": turn.completion.jsonValue,
                    ]
                })
        }
        return .object(o)
    }

    public init(key: String, json: JSONValue) {
        func turn(_ t: JSONValue, fallbackModel: String) -> Turn? {
            guard let response = t["response"], let completion = Completion(json: response) else { return nil }
            return Turn(
                modelName: t["model"]?.stringValue ?? fallbackModel,
                request: CompletionRequest(json: t["request"] ?? .null), completion: completion)
        }
        let modelName = json["model"]?.stringValue ?? ""
        let turns: [Turn] =
            if let list = json["turns"]?.arrayValue {
                list.compactMap { turn($0, fallbackModel: modelName) }
            } else {
                turn(json, fallbackModel: modelName).map { [$0] } ?? []
            }
        let variables: Record = if case .record(let r) = Value(json: json["vars"] ?? [:]) { r } else { Record() }
        self.init(
            key: key, index: json["index"]?.intValue ?? 0, modelName: modelName,
            modelID: json["model_id"]?.stringValue ?? "", variables: variables,
            parameters: ModelParameters(json: json["params"] ?? [:]), repeatIndex: json["repeat"]?.intValue ?? 0,
            turns: turns, error: json["error"]?.stringValue)
    }
}

extension CompletionRequest {
    /// Reads back what `jsonValue` wrote.
    public init(json: JSONValue) {
        let messages = (json["messages"]?.arrayValue ?? []).compactMap { m -> ChatMessage? in
            guard let role = m["role"]?.stringValue.flatMap(ChatMessage.Role.init(rawValue:)),
                let content = m["content"]?.stringValue
            else { return nil }
            return ChatMessage(role: role, content: content)
        }
        self.init(
            model: json["model"]?.stringValue ?? "", messages: messages,
            parameters: ModelParameters(json: json["params"] ?? [:]))
    }
}

extension ModelParameters {
    /// Reads back what `jsonValue` wrote; missing keys keep their defaults.
    public init(json: JSONValue) {
        self.init(
            temperature: json["temperature"]?.doubleValue, topP: json["top_p"]?.doubleValue,
            maxTokens: json["max_tokens"]?.intValue ?? ModelParameters.defaultMaxTokens,
            seed: json["seed"]?.intValue, stop: json["stop"]?.arrayValue?.compactMap(\.stringValue),
            frequencyPenalty: json["frequency_penalty"]?.doubleValue,
            presencePenalty: json["presence_penalty"]?.doubleValue,
            topLogprobs: json["top_logprobs"]?.intValue ?? ModelParameters.defaultTopLogprobs,
            provider: json["provider"])
    }
}
