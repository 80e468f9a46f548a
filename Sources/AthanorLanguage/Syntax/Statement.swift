/// One statement with the source it came from.
public struct Statement: Sendable, Hashable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Sendable, Hashable {
        /// `model NAME = "provider/model-id" { param: value, ... }`
        case model(name: Identifier, id: Expression, parameters: Expression?)
        /// `prompt NAME = STRING` (one user message) or `prompt NAME { ROLE STRING ... }`.
        case prompt(name: Identifier, messages: [PromptMessage])
        /// `let NAME = EXPR`
        case `let`(name: Identifier, value: Expression)
        /// `ask MODELS PROMPT`: one request per model, now.
        case ask(models: Expression, prompt: Expression)
        /// `score MODELS PROMPT TEXT`: one scoring chain per model, now.
        case score(models: Expression, prompt: Expression, text: Expression)
        /// `sweep NAME { key: value ... }` with keys from `SweepKey`.
        case sweep(name: Identifier, fields: [SweepField])
        /// `assert [QUANTIFIER of] RUN [where EXPR]: EXPR [STRING]`
        case assert(Assertion)
        /// `show EXPR [where EXPR] [by EXPR, EXPR ...] [: EXPR, EXPR ...]`; with `by` (or aggregate
        /// columns) one row per group of results.
        case show(subject: Expression, filter: Expression?, groups: [Expression], columns: [Expression])
        /// A bare expression, whose value is shown.
        case expression(Expression)
        /// `:name rest of line`: a meta-command, with its argument text trimmed.
        case command(name: Identifier, argument: String)
    }
}

/// One message of a prompt. `prompt p = "..."` has a single `user` message.
public struct PromptMessage: Sendable, Hashable {
    public var role: Role
    public var roleRange: SourceRange
    /// A string literal (usually a template with `{{ }}` placeholders).
    public var content: Expression

    public enum Role: String, Sendable, Hashable, CaseIterable {
        case system, user, assistant
    }

    public init(role: Role, roleRange: SourceRange, content: Expression) {
        self.role = role
        self.roleRange = roleRange
        self.content = content
    }
}

/// One `key: value` line of a sweep.
public struct SweepField: Sendable, Hashable {
    public var key: SweepKey
    public var keyRange: SourceRange
    public var value: Expression

    public init(key: SweepKey, keyRange: SourceRange, value: Expression) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }
}

/// The keys a sweep accepts; any other is a parse error that lists these.
public enum SweepKey: String, Sendable, Hashable, CaseIterable {
    case models, model, prompt, vars, params, turns, score, `repeat`, concurrency
}

/// `assert [QUANTIFIER of] RUN [where FILTER]: CONDITION [MESSAGE]`
public struct Assertion: Sendable, Hashable {
    public var quantifier: Quantifier
    public var run: Expression
    public var filter: Expression?
    public var condition: Expression
    public var message: Expression?

    public init(
        quantifier: Quantifier, run: Expression, filter: Expression?, condition: Expression, message: Expression?
    ) {
        self.quantifier = quantifier
        self.run = run
        self.filter = filter
        self.condition = condition
        self.message = message
    }

    public enum Quantifier: Sendable, Hashable {
        /// Every result must hold (the default).
        case all
        /// At least one result must hold.
        case any
        /// At least this fraction (0...1) of the results must hold: `90% of`.
        case fraction(Double)
        /// At least this many results must hold: `at least 3 of`.
        case atLeast(Int)
    }
}
