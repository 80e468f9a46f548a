import Foundation

extension Value: CustomStringConvertible {
    /// How a value reads in tables and messages: strings quoted, numbers short.
    public var description: String {
        switch self {
        case .string(let s): "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default: plainText
        }
    }

    /// How a value reads when filled into a template or printed on its own: strings bare.
    public var plainText: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): Self.format(n)
        case .string(let s): s
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .record(let record):
            "{" + record.fields.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        case .model(let model): model.name
        case .prompt(let prompt): prompt.description
        case .run(let run): run.description
        case .result(let result): "result \(result.key): \(Value.string(result.output).description)"
        }
    }

    /// At most one line of about 60 characters, for error messages.
    public var shortDescription: String {
        let text = description.replacingOccurrences(of: "\n", with: "\\n")
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    /// Whole numbers without a fraction; others with up to 4 significant decimals, like a notebook.
    public static func format(_ n: Double) -> String {
        if n.isNaN { return "nan" }
        if n.isInfinite { return n < 0 ? "-inf" : "inf" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        let magnitude = abs(n)
        if magnitude >= 0.001, magnitude < 1e6 {
            var text = String(format: "%.4f", n)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        return String(format: "%.3g", n)
    }
}
