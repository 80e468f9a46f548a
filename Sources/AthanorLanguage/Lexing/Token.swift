/// One lexical unit of Athanor source.
///
/// Keywords are not a separate kind: most of them are contextual (`model` is a statement keyword
/// at the start of a statement and a name elsewhere), so the parser decides what a `word` means.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// An identifier or a keyword.
        case word(String)
        /// A number; `90%` has value `0.9` and `isPercent` set so the parser can read `90% of`.
        case number(Double, isPercent: Bool)
        /// A string literal, escapes applied and placeholders split out.
        case string(Template)
        case punctuation(Punctuation)
        /// A line break; significant except inside `( )` and `[ ]`.
        case newline
        /// `:name argument text`, a whole line.
        case command(name: Identifier, argument: String)
        /// `# %% title`, a whole line.
        case cellMarker(title: String?)
        case endOfFile
    }

    var kind: Kind
    var range: SourceRange
    /// The scalar indices the token covers, for slicing the source text.
    var span: Range<Int>

    var isNewline: Bool { kind == .newline }

    var isEndOfFile: Bool { kind == .endOfFile }

    /// The word this token spells, if it is one.
    var word: String? {
        if case .word(let text) = kind { text } else { nil }
    }

    func isPunctuation(_ punctuation: Punctuation) -> Bool {
        kind == .punctuation(punctuation)
    }

    func isWord(_ text: String) -> Bool {
        word == text
    }
}

enum Punctuation: String, Sendable, Hashable, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", leftBrace = "{", rightBrace = "}"
    case comma = ",", colon = ":", dot = ".", assign = "="
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", star = "*", slash = "/"

    var isOpening: Bool { self == .leftParen || self == .leftBracket || self == .leftBrace }

    var isClosing: Bool { self == .rightParen || self == .rightBracket || self == .rightBrace }
}
