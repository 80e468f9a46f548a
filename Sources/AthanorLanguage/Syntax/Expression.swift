/// An expression with the source it came from.
public struct Expression: Sendable, Hashable {
    public var kind: Kind {
        didSet { depth = Self.depth(of: kind) }
    }
    public var range: SourceRange
    /// How many levels the tree has: 1 for a literal or a name, one more than its deepest part
    /// otherwise. The parser bounds it (`LanguageLimits.expressionDepth`), so everything that walks
    /// or frees a tree recursively has a bounded stack.
    public private(set) var depth: Int

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        self.depth = Self.depth(of: kind)
    }

    /// One more than the deepest direct part (parts already know their own depth).
    private static func depth(of kind: Kind) -> Int {
        1 + (parts(of: kind).map(\.depth).max() ?? 0)
    }

    /// The expressions directly inside this one, in the order written (a call's argument values,
    /// a field's base, both operands, …); none for a literal or a name.
    public var parts: [Expression] { Self.parts(of: kind) }

    private static func parts(of kind: Kind) -> [Expression] {
        switch kind {
        case .null, .bool, .number, .string, .name: []
        case .list(let items): items
        case .record(let fields): fields.map(\.value)
        case .field(let base, _): [base]
        case .index(let base, let index): [base, index]
        case .call(_, let arguments): arguments.map(\.value)
        case .unary(_, let operand): [operand]
        case .binary(_, let lhs, let rhs): [lhs, rhs]
        case .conditional(let condition, let then, let otherwise): [condition, then, otherwise]
        }
    }

    public indirect enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        /// A number; `90%` is already `0.9` here.
        case number(Double)
        /// A string literal, split into text and `{{ }}` placeholders.
        case string(Template)
        case list([Expression])
        case record([RecordField])
        /// A name: a binding, a name of the current result, or `_` (the last run).
        case name(String)
        /// `base.field`
        case field(base: Expression, name: Identifier)
        /// `base[index]`
        case index(base: Expression, index: Expression)
        /// `name(arguments)`: a function, or a prompt applied to template arguments.
        case call(function: Identifier, arguments: [Argument])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `if condition then a else b`
        case conditional(condition: Expression, then: Expression, else: Expression)
    }
}

/// A name as written, with where it was written.
public struct Identifier: Sendable, Hashable {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// `key: value` in a record literal; the key is an identifier or a string.
public struct RecordField: Sendable, Hashable {
    public var key: Identifier
    public var value: Expression

    public init(key: Identifier, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// One argument of a call, `label: value` or just `value`.
public struct Argument: Sendable, Hashable {
    public var label: Identifier?
    public var value: Expression

    public init(label: Identifier?, value: Expression) {
        self.label = label
        self.value = value
    }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "and", or = "or", `in` = "in"
}

/// A string literal's content: text with `{{ name }}` / `{{ name.field }}` placeholders.
///
/// Escapes are already applied and `"""` indentation already removed in `.text` segments.
public struct Template: Sendable, Hashable {
    public var segments: [Segment]

    public enum Segment: Sendable, Hashable {
        case text(String)
        /// `{{ a.b.c }}`: the path's first element names a variable, the rest are fields.
        case placeholder([Identifier])
    }

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// A template without placeholders.
    public init(text: String) {
        self.segments = text.isEmpty ? [] : [.text(text)]
    }

    /// Every placeholder's path, in order.
    public var placeholders: [[Identifier]] {
        segments.compactMap { if case .placeholder(let path) = $0 { path } else { nil } }
    }

    /// The text, with placeholders written back as `{{a.b}}`.
    public var sourceText: String {
        segments.map {
            switch $0 {
            case .text(let s): s
            case .placeholder(let path): "{{" + path.map(\.name).joined(separator: ".") + "}}"
            }
        }.joined()
    }
}
