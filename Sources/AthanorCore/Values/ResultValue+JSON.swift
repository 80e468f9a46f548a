/// A result as stored in `run_results.value`, and read back for `run(ID)` and replay.
///
/// One turn: `request` and `response` (OpenRouter's field names, `logprobs.content` in its own
/// shape, where the stored form leaves out `bytes` that are the token's own UTF-8). A
/// conversation, or a scored point's steps: `turns`, each with its own request and response (a
/// scored point also has `score`, see `ScoreChain.jsonValue`). Both carry the point's
/// coordinates (`model`, `model_id`, `vars`, `params`, `repeat`) and `error`.
extension ResultValue {
    /// The result in full (every token's `bytes`).
    public var jsonValue: JSONValue { JSONValue(writing: { write(to: &$0) }) }

    /// The result as every `--format json` document shows it (`run` and `show` alike): its `key`,
    /// then `jsonValue`'s members, each token in OpenRouter's shape with its `bytes`
    /// (`{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}`).
    public var documentJSON: JSONValue { JSONValue(writing: { writeDocument(to: &$0) }) }

    /// Writes `documentJSON`'s shape straight to JSON text.
    public func writeDocument(to writer: inout JSONWriter) {
        write(to: &writer, stored: false, key: true)
    }

    /// The stored form as jsonb text, written by the task that finished the point.
    public var jsonbText: String {
        var writer = JSONWriter(replacingNUL: true, capacity: 16_384)
        write(to: &writer, stored: true)
        return writer.text
    }

    /// Writes `jsonValue`'s shape straight to JSON text, without building the tree; `stored`
    /// writes the stored form; `key` begins with the point's key (the stored form has it in a
    /// column of its own).
    public func write(to writer: inout JSONWriter, stored: Bool = false, key: Bool = false) {
        writer.beginObject()
        if key {
            writer.key("key")
            writer.write(self.key)
        }
        writer.key("index")
        writer.write(index)
        writer.key("label")
        writer.write(label)
        writer.key("model")
        writer.write(modelName)
        writer.key("model_id")
        writer.write(modelID)
        writer.key("vars")
        writer.write(variables.jsonValue)
        writer.key("params")
        writer.write(parameters.jsonValue)
        writer.key("repeat")
        writer.write(repeatIndex)
        writer.key("error")
        writer.write(error)
        writer.key("output")
        writer.write(output)
        if let score {
            // Read back from `text` and the turns; the rest is for readers of the JSON.
            writer.key("score")
            writer.beginObject()
            for (key, value) in (score.jsonValue.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                writer.write(value)
            }
            writer.key("tokens")
            writer.beginArray()
            for token in score.tokens { token.write(to: &writer, stored: stored) }
            writer.endArray()
            writer.endObject()
        }
        if score == nil, turns.count == 1, let turn = turns.first {
            writer.key("request")
            writer.write(turn.request.jsonValue)
            writer.key("response")
            turn.completion.write(to: &writer, stored: stored)
        } else if !turns.isEmpty {
            writer.key("turns")
            writer.beginArray()
            for (i, turn) in turns.enumerated() {
                writer.beginObject()
                writer.key("turn")
                writer.write(i + 1)
                writer.key("model")
                writer.write(turn.modelName)
                writer.key("request")
                writer.write(turn.request.jsonValue)
                writer.key("response")
                turn.completion.write(to: &writer, stored: stored)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
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
            key: key, label: json["label"]?.stringValue, index: json["index"]?.intValue ?? 0, modelName: modelName,
            modelID: json["model_id"]?.stringValue ?? "", variables: variables,
            parameters: ModelParameters(json: json["params"] ?? [:]), repeatIndex: json["repeat"]?.intValue ?? 0,
            turns: turns, error: json["error"]?.stringValue,
            score: json["score"]?["text"]?.stringValue.map {
                ScoreChain(continuation: $0, steps: turns.map(\.completion))
            })
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
            parameters: ModelParameters(json: json["params"] ?? [:]), endpoint: json["endpoint"]?.stringValue)
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
