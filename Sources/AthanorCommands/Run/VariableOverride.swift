import AthanorCore
import AthanorLanguage

/// `--var name=value`: a value for a top-level `let`, read as a literal when it is one
/// (`0.5`, `true`, `[1, 2]`, `"text"`) and as a plain string otherwise (`France`).
struct VariableOverride: Sendable {
    var name: String
    var value: Value

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(parsing argument: String) throws(Invalid) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw Invalid(description: "--var expects name=value, got '\(argument)'")
        }
        name = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        value = Self.literal(text) ?? .string(text)
    }

    private static func literal(_ text: String) -> Value? {
        let parsed = Parser.parseEntry(SourceFile(name: "--var", text: text))
        guard parsed.diagnostics.isEmpty, parsed.script.cells.count == 1,
            let statement = parsed.script.cells[0].statements.first, parsed.script.cells[0].statements.count == 1,
            case .expression(let expression) = statement.kind
        else { return nil }
        return constant(expression)
    }

    /// A value only for literals, never for names: `--var x=y` is the string "y".
    private static func constant(_ e: Expression) -> Value? {
        switch e.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .unary(.negate, let inner): if case .number(let n) = inner.kind { return .number(-n) } else { return nil }
        case .string(let t) where t.placeholders.isEmpty: return .string(t.sourceText)
        case .list(let items):
            let values = items.compactMap(constant)
            return values.count == items.count ? .list(values) : nil
        default: return nil
        }
    }
}
