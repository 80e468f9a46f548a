import AthanorLanguage

/// Prints expressions as compact S-expressions, so tests state a tree's shape in one line:
/// `1 + 2 * 3` is `(+ 1 (* 2 3))`.
enum SyntaxPrinter {
    static func print(_ expression: Expression) -> String {
        switch expression.kind {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let template): "\"" + template.sourceText + "\""
        case .list(let elements): "[" + elements.map(print).joined(separator: " ") + "]"
        case .record(let fields): "{" + fields.map { "\($0.key.name): \(print($0.value))" }.joined(separator: " ") + "}"
        case .name(let name): name
        case .field(let base, let name): "(. \(print(base)) \(name.name))"
        case .index(let base, let index): "(index \(print(base)) \(print(index)))"
        case .call(let function, let arguments):
            "("
                + ([function.name] + arguments.map { ($0.label.map { $0.name + ": " } ?? "") + print($0.value) })
                .joined(separator: " ") + ")"
        case .unary(let operation, let operand): "(\(operation.rawValue) \(print(operand)))"
        case .binary(let operation, let left, let right): "(\(operation.rawValue) \(print(left)) \(print(right)))"
        case .conditional(let condition, let then, let otherwise):
            "(if \(print(condition)) \(print(then)) \(print(otherwise)))"
        }
    }
}
