import AthanorLanguage

/// Why a cell stopped, sorted by what the batch exit status says about it.
public enum CellFailure: Error, Sendable, CustomStringConvertible {
    /// The script is wrong: syntax, an unknown name, a bad argument (exit status 2). Costs nothing.
    case script(Diagnostic)
    /// The provider failed and retries did not help (exit status 3).
    case provider(String)
    /// The database failed (exit status 3).
    case store(String)
    /// Ctrl-C or SIGTERM (exit status 130).
    case cancelled
    /// A run's answers reached its budget (`--max-cost`, `:set max_cost`): it stopped sending and
    /// ended cancelled; the message says how much was spent (exit status 130, as cancelled).
    case budgetReached(String)

    public var description: String {
        switch self {
        case .script(let d): d.description
        case .provider(let message): message
        case .store(let message): "the database failed: \(message)"
        case .cancelled: "cancelled"
        case .budgetReached(let message): message
        }
    }
}

/// Builds the script errors the interpreter raises, so every message has one voice.
enum ScriptError {
    static func unknownName(_ name: String, at range: SourceRange, candidates: some Sequence<String>) -> Diagnostic {
        Diagnostic(
            .error, "unknown variable '\(name)'", at: range,
            suggestion: NameSuggestion.nearest(to: name, among: candidates))
    }

    static func type(_ message: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, message, at: range)
    }
}
