/// Where an unfinished entry's end stands, read from the language's own lexer (so completion and the
/// parser never disagree about strings, comments or brackets): inside a string, a `"""` string or a
/// comment; which brackets are still open, and which of them opens a `sweep NAME {` block; and the
/// last token before the end. The prompt's completion reads it; the parser needs complete input.
public struct EntryScan: Sendable {
    /// A bracket, brace or parenthesis still open at the end.
    public struct OpenBracket: Sendable, Hashable {
        public var character: Character
        /// A `{` right after `sweep NAME`: its keys are sweep keys.
        public var opensSweep: Bool
    }

    /// The end is inside a one-line string: the current line before the quote, and the string's text so far
    /// (as typed, escapes included).
    public var openString: (lineBeforeQuote: String, content: String)?
    public var endsInComment: Bool
    public var endsInMultilineString: Bool
    public var openBrackets: [OpenBracket] = []
    /// The last token before the end: a word, a number as written, `"` for a string, or a punctuation mark.
    public var lastToken: String?
    /// Whether a line break follows `lastToken` (in a sweep block, a new line can start a new key).
    public var lineBreakAfterLastToken = false

    public init(_ text: String) {
        let buffer = ScalarBuffer(text)
        var lexer = Lexer(buffer: buffer, recognizesCellMarkers: false)
        let output = lexer.lex()
        endsInComment = output.endsInsideComment
        endsInMultilineString = output.endsInsideMultilineString
        if let quote = output.unterminatedStringAtEnd {
            var lineStart = quote
            while lineStart > 0, buffer[lineStart - 1] != "\n" { lineStart -= 1 }
            openString = (buffer.text(lineStart..<quote), buffer.text(quote + 1..<buffer.count))
        }
        var previous: [Token] = []
        for token in output.tokens where !token.isEndOfFile {
            if token.isNewline {
                lineBreakAfterLastToken = lastToken != nil
                continue
            }
            switch token.kind {
            case .punctuation(let mark) where mark.isOpening:
                let words = previous.suffix(2).map(\.word)
                let opensSweep = mark == .leftBrace && words.count == 2 && words[0] == "sweep" && words[1] != nil
                openBrackets.append(OpenBracket(character: Character(mark.rawValue), opensSweep: opensSweep))
            case .punctuation(let mark) where mark.isClosing:
                if !openBrackets.isEmpty { openBrackets.removeLast() }
            default:
                break
            }
            lastToken = Self.text(of: token, in: buffer)
            lineBreakAfterLastToken = false
            previous.append(token)
        }
    }

    /// Whether the end is where a key of the innermost `sweep NAME {` block goes: after `{`, `,`, or a line
    /// break that follows a finished value.
    public var isAtSweepKey: Bool {
        guard openBrackets.last?.opensSweep == true, let last = lastToken else { return false }
        if last == "{" || last == "," { return true }
        let finishesValue =
            Self.isIdentifier(last) || last.first?.isNumber == true || ["\"", "]", "}", ")"].contains(last)
        return lineBreakAfterLastToken && finishesValue
    }

    /// Whether `token` reads as a name (or keyword): it starts with a letter or `_`.
    public static func isIdentifier(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return first.isLetter || first == "_"
    }

    private static func text(of token: Token, in buffer: ScalarBuffer) -> String {
        switch token.kind {
        case .word(let word): word
        case .number: buffer.text(token.span)
        case .string: "\""
        case .punctuation(let mark): mark.rawValue
        case .command(let name, _): ":" + name.name
        case .cellMarker, .newline, .endOfFile: ""
        }
    }
}
