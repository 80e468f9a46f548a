import AthanorCore

/// One request of `--dry-run --full`, uncut: its point and turn, the model and the URL it is
/// posted to, every other field of the body on one line, then each message whole (a message's
/// later lines indented under its first).
///
/// ```
///   model=mini;country=France  3f2a…  turn 1 of 1
///     mini  openai/gpt-4o-mini  →  POST https://openrouter.ai/api/v1/chat/completions
///     params {"logprobs":true,"max_tokens":3,"provider":{"require_parameters":true},…}
///     user: What is the capital of France?
/// ```
struct PlannedRequestText {
    var style: TerminalStyle

    func lines(_ request: PlannedRequest) -> [String] {
        var lines = [
            "  " + style.paint(request.label, .bold) + "  " + style.paint(request.key, .dim)
                + "  turn \(request.turn) of \(request.turns)",
            "    \(request.modelName)  \(request.request.model)  →  POST \(request.wire.url)",
        ]
        if case .object(var fields) = request.wire.body {
            fields["messages"] = nil
            fields["model"] = nil
            lines.append("    params " + JSONValue.object(fields).serialized())
        }
        for message in request.request.messages {
            let content = message.content.split(separator: "\n", omittingEmptySubsequences: false)
            let role = "    \(message.role.rawValue): "
            let indent = String(repeating: " ", count: role.count)
            for (index, line) in content.enumerated() { lines.append((index == 0 ? role : indent) + line) }
            if content.isEmpty { lines.append(role) }
        }
        return lines
    }
}
