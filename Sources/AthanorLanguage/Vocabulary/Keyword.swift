/// The language's words, for the parser's reserved set, completion and `:help`.
///
/// Statement keywords are contextual (the parser reads them only as a statement's first word), so they
/// remain usable as names elsewhere; the expression words are reserved everywhere.
public enum Keyword: String, Sendable, CaseIterable {
    case model, prompt, `let`, ask, score, sweep, assert, show
    case `if`, then, `else`, and, or, not, `in`, `true`, `false`, null, `where`, of
    case all, any, at, least, by

    /// Words that are never names.
    public var isReserved: Bool {
        switch self {
        case .if, .then, .else, .and, .or, .not, .in, .true, .false, .null, .where, .of: true
        default: false
        }
    }

    /// The words that start a statement.
    public var startsStatement: Bool {
        switch self {
        case .model, .prompt, .let, .ask, .score, .sweep, .assert, .show: true
        default: false
        }
    }
}
