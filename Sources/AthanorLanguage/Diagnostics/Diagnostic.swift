/// A problem found in source text: data, rendered separately (`DiagnosticRenderer`).
///
/// The message is one phrase in lower case without a final period, as compilers write them:
/// `unknown variable 'contry'`. `suggestion` is a near-miss fix shown as "did you mean 'country'?".
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// A replacement to suggest, e.g. the known name nearest to a misspelt one.
    public var suggestion: String?
    /// Extra lines shown after the caret (e.g. the list of known keys).
    public var notes: [String]

    public init(
        _ severity: Severity = .error, _ message: String, at range: SourceRange, suggestion: String? = nil,
        notes: [String] = []
    ) {
        self.severity = severity
        self.message = message
        self.range = range
        self.suggestion = suggestion
        self.notes = notes
    }

    public var description: String {
        var text = "\(range.start): \(severity.rawValue): \(message)"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }
}
