import AthanorLanguage

/// The language's operators. Only booleans are truthy; `==` compares a model with its name.
enum Operators {
    static func truth(_ value: Value, at range: SourceRange) throws(Diagnostic) -> Bool {
        guard let b = value.boolValue else {
            throw Diagnostic(
                .error, "expected true or false here, got a \(value.typeName) (\(value.shortDescription))", at: range)
        }
        return b
    }

    static func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws(Diagnostic) -> Value {
        switch (op, value) {
        case (.negate, .number(let n)): return .number(-n)
        case (.not, .bool(let b)): return .bool(!b)
        case (.negate, _): throw Diagnostic(.error, "cannot negate a \(value.typeName)", at: range)
        case (.not, _): throw Diagnostic(.error, "'not' needs true or false, got a \(value.typeName)", at: range)
        }
    }

    static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) throws(Diagnostic) -> Value
    {
        switch op {
        case .equal: return .bool(equal(l, r))
        case .notEqual: return .bool(!equal(l, r))
        case .in: return .bool(try contains(r, l, at: range))
        case .add:
            switch (l, r) {
            case (.number(let a), .number(let b)): return .number(a + b)
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.list(let a), .list(let b)): return .list(a + b)
            default: throw mismatch(op, l, r, at: range)
            }
        case .subtract, .multiply, .divide:
            guard case .number(let a) = l, case .number(let b) = r else { throw mismatch(op, l, r, at: range) }
            switch op {
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            default:
                guard b != 0 else { throw Diagnostic(.error, "division by zero", at: range) }
                return .number(a / b)
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order: Bool
            switch (l, r) {
            case (.number(let a), .number(let b)): order = compare(op, a, b)
            case (.string(let a), .string(let b)): order = compare(op, a, b)
            default: throw mismatch(op, l, r, at: range)
            }
            return .bool(order)
        case .and, .or:
            let a = try truth(l, at: range)
            let b = try truth(r, at: range)
            return .bool(op == .and ? a && b : a || b)
        }
    }

    /// Equality as a person means it: a model equals its own name; numbers by value.
    static func equal(_ l: Value, _ r: Value) -> Bool {
        switch (l, r) {
        case (.model(let a), .model(let b)): a.name == b.name
        case (.model(let m), .string(let s)), (.string(let s), .model(let m)): m.name == s || m.id == s
        case (.run(let a), .run(let b)): a.id == b.id
        case (.list(let a), .list(let b)): a.count == b.count && zip(a, b).allSatisfy(equal)
        default: l == r
        }
    }

    private static func contains(_ container: Value, _ element: Value, at range: SourceRange) throws(Diagnostic) -> Bool
    {
        switch (container, element) {
        case (.list(let items), _): return items.contains { equal($0, element) }
        case (.string(let s), .string(let part)): return s.contains(part)
        case (.record(let record), .string(let key)): return record[key] != nil
        default:
            throw Diagnostic(
                .error, "'in' needs a list, a string or a record on its right, got a \(container.typeName)", at: range)
        }
    }

    private static func compare<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        default: a >= b
        }
    }

    private static func mismatch(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "cannot apply '\(op.rawValue)' to a \(l.typeName) and a \(r.typeName)", at: range)
    }
}
