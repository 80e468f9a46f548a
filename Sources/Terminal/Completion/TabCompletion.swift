/// The answer to a TAB: which partial word is being completed and the words that can replace it.
///
/// The completer, not the editor, decides where the word starts, because that depends on the context: a file
/// path keeps its `.` and `/`, a model id keeps its `/` and `:`, while after `run.` only the field is the word.
public struct TabCompletion: Sendable, Hashable {
    /// The end of the text before the cursor that the candidates replace (possibly empty).
    public var word: String
    /// Whole replacements for `word`, sorted and without duplicates; each starts with `word`.
    public var candidates: [String]
    /// Typed after a unique candidate: a space, a `(` after a function, a closing quote inside a string.
    /// Nothing is added after a directory (a candidate ending in `/`), so the path can go on.
    public var terminator: String
    /// File paths are listed by their last component, as shells do; model ids are listed whole.
    public var listsLastPathComponent: Bool

    public init(word: String, candidates: [String], terminator: String = " ", listsLastPathComponent: Bool = false) {
        self.word = word
        self.candidates = candidates
        self.terminator = terminator
        self.listsLastPathComponent = listsLastPathComponent
    }

    /// Nothing to offer: the editor beeps.
    public static let none = TabCompletion(word: "", candidates: [])

    /// The longest text every candidate starts with; what a first TAB inserts when there are several.
    public var commonPrefix: String {
        guard var prefix = candidates.first else { return word }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// What the list shows for each candidate.
    public var displayNames: [String] {
        guard listsLastPathComponent else { return candidates }
        return candidates.map { candidate in
            let trimmed = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
            guard let slash = trimmed.lastIndex(of: "/") else { return candidate }
            return String(candidate[candidate.index(after: slash)...])
        }
    }
}
