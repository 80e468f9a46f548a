import AthanorCore
import Foundation

/// The results of one run as the report's data: one JSON array per point, in plan order, written
/// row by row as the results are read, and rendered by the page a screenful at a time (a page
/// that built 10,000 rows of heat-maps at load took 14 s to open; see docs/performance.md).
///
/// A row holds one value per column (`columns`): the swept coordinates (model, repeat, each
/// variable, the sampling parameters), the answer (its tokens as `CompactTokens`, or its text
/// when it has no logprobs), and the numbers a reader sorts by; then the point's error (or null)
/// and, for a conversation, its turns as `[model, model id, question, answer]`. The columns are
/// fixed before the first row (`RunStore.resultVariableNames`).
struct ResultRows {
    /// The sweep's variables, in column order (as `export` orders them).
    let variableNames: [String]

    init(variableSets: [[String]]) {
        var names: [String] = []
        for set in variableSets {
            for name in set.sorted() where !names.contains(name) { names.append(name) }
        }
        variableNames = names
    }

    var columns: [String] {
        ["#", "model", "repeat"] + variableNames + ["params", "answer", "p(first)", "tokens", "cost", "ms", "finish"]
    }

    /// The table the page fills in: its header, an empty body.
    var table: String {
        let answer = columns.firstIndex(of: "answer") ?? 0
        return "<table class=\"results\" data-answer=\"\(answer)\"><thead><tr>"
            + columns.map { "<th><button type=\"button\">\(HTMLText.escape($0))</button></th>" }.joined()
            + "</tr></thead><tbody></tbody></table>"
    }

    /// The point as JSON text that is safe inside `<script type="application/json">`.
    func row(_ result: ResultValue) -> String {
        let completion = result.completion
        var writer = JSONWriter(capacity: 4096)
        writer.beginArray()
        writer.write(result.index)
        writer.write(result.modelName)
        writer.write(result.repeatIndex)
        for name in variableNames {
            switch result.variables[name] {
            case .number(let n)?: writer.write(n)
            case let value?: writer.write(value.plainText)
            case nil: writer.write(nil as String?)
            }
        }
        writer.write(Self.parameters(result.parameters))
        Self.answer(completion, to: &writer)
        writer.write(completion?.tokens?.first.map { ($0.probability * 1000).rounded() / 1000 })
        writer.write(completion?.usage.map { Double($0.completionTokens) })
        // Six significant digits: a sum of prices carries float noise (0.0010450000000000001).
        if let cost = completion?.usage?.cost, cost.isFinite {
            writer.write(serialized: String(format: "%.6g", cost))
        } else {
            writer.write(nil as Double?)
        }
        writer.write(completion.map { $0.latencyMilliseconds.rounded() })
        writer.write(result.error == nil ? completion?.finishReason : "error")
        writer.write(result.error)
        if result.turns.count > 1 {
            writer.beginArray()
            for turn in result.turns {
                writer.beginArray()
                writer.write(turn.modelName)
                writer.write(turn.request.model)
                writer.write(turn.request.messages.last { $0.role == .user }?.content)
                Self.answer(turn.completion, to: &writer)
                writer.endArray()
            }
            writer.endArray()
        }
        writer.endArray()
        return Self.scriptSafe(writer.text)
    }

    /// Tokens when the answer has them, else its text, else null.
    static func answer(_ completion: Completion?, to writer: inout JSONWriter) {
        if let tokens = completion?.tokens {
            CompactTokens.write(tokens, to: &writer)
        } else {
            writer.write(completion?.text)
        }
    }

    /// JSON with every `<` escaped (`\u003c`, the same string to a JSON reader): no text from the
    /// database can then close the script element (`</script>`) or open a comment in it.
    static func scriptSafe(_ json: String) -> String {
        json.contains("<") ? json.replacingOccurrences(of: "<", with: "\\u003c") : json
    }

    /// The sampling parameters that were set, e.g. `temperature=1 seed=3`.
    static func parameters(_ p: ModelParameters) -> String {
        var parts: [String] = []
        if let t = p.temperature { parts.append("temperature=" + Value.format(t)) }
        if let t = p.topP { parts.append("top_p=" + Value.format(t)) }
        if let s = p.seed { parts.append("seed=\(s)") }
        return parts.joined(separator: " ")
    }
}
