/// Turns source text into tokens, reporting what it cannot read as diagnostics and going on.
///
/// The lexer tracks open brackets for two reasons: a `:` starts a meta-command only at the start
/// of a line outside any bracket, and `InputCompleteness` asks whether an entry is still open.
/// String literals live in `Lexer+Strings.swift`.
struct Lexer {
    struct Output: Sendable {
        var tokens: [Token]
        var diagnostics: [Diagnostic]
        /// Brackets, braces and parentheses still open at the end of the text.
        var openDelimiterCount: Int
        /// Whether the text ends inside a `"""` string.
        var endsInsideMultilineString: Bool
        /// Where a one-line string that the text ends inside starts (its opening quote), if it does.
        var unterminatedStringAtEnd: Int?
        /// Whether the text ends inside a `#` comment.
        var endsInsideComment: Bool
    }

    let buffer: ScalarBuffer
    /// Script files have `# %%` cells; a REPL entry is one cell, so there the marker is a comment.
    let recognizesCellMarkers: Bool
    var index = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var openDelimiters: [Punctuation] = []
    var endsInsideMultilineString = false
    var unterminatedStringAtEnd: Int?
    var endsInsideComment = false
    /// True until the first token of a line.
    var atLineStart = true

    init(buffer: ScalarBuffer, recognizesCellMarkers: Bool) {
        self.buffer = buffer
        self.recognizesCellMarkers = recognizesCellMarkers
    }

    mutating func lex() -> Output {
        while let scalar = buffer[index] {
            if scalar == "\n" {
                emit(.newline, index..<index + 1)
                atLineStart = true
            } else if buffer.isBlank(index) {
                index += 1
            } else if scalar == "#" {
                lexComment()
            } else if scalar == "\"" {
                lexString()
            } else if buffer.isDigit(index) {
                lexNumber()
            } else if buffer.isIdentifierStart(index) {
                let start = index
                while buffer.isIdentifierContinue(index) { index += 1 }
                emit(.word(buffer.text(start..<index)), start..<index)
            } else if scalar == ":", atLineStart, openDelimiters.isEmpty, buffer.isIdentifierStart(index + 1) {
                lexCommand()
            } else {
                lexPunctuation()
            }
        }
        emit(.endOfFile, index..<index)
        return Output(
            tokens: tokens, diagnostics: diagnostics, openDelimiterCount: openDelimiters.count,
            endsInsideMultilineString: endsInsideMultilineString, unterminatedStringAtEnd: unterminatedStringAtEnd,
            endsInsideComment: endsInsideComment)
    }

    /// Appends a token and moves past it.
    mutating func emit(_ kind: Token.Kind, _ span: Range<Int>) {
        tokens.append(Token(kind: kind, range: buffer.range(span), span: span))
        index = span.upperBound
        atLineStart = false
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// The index of the line break ending the line that holds `index`, or the end of the text.
    func endOfLine(from index: Int) -> Int {
        var end = index
        while let scalar = buffer[end], scalar != "\n" { end += 1 }
        return end
    }

    /// A comment, or a `# %%` cell marker when it starts a line of a script.
    private mutating func lexComment() {
        let start = index
        let end = endOfLine(from: start)
        let isLineStart = start == 0 || buffer[start - 1] == "\n"
        let marker: [Unicode.Scalar] = ["#", " ", "%", "%"]
        let isMarker =
            recognizesCellMarkers && isLineStart && end - start >= 4
            && (0..<4).allSatisfy { buffer[start + $0] == marker[$0] }
            && (start + 4 == end || buffer.isBlank(start + 4))
        guard isMarker else {
            if end == buffer.count { endsInsideComment = true }
            index = end
            return
        }
        let title = buffer.text(start + 4..<end).trimmingWhiteSpace()
        // A new cell starts afresh: brackets left open in the previous one do not leak into it.
        openDelimiters.removeAll()
        emit(.cellMarker(title: title.isEmpty ? nil : title), start..<end)
    }

    private mutating func lexNumber() {
        let start = index
        var end = start
        while buffer.isDigit(end) { end += 1 }
        if buffer[end] == ".", buffer.isDigit(end + 1) {
            end += 1
            while buffer.isDigit(end) { end += 1 }
        }
        let value = Double(buffer.text(start..<end)) ?? 0
        if !value.isFinite {
            // Past about 1.8e308 a Double is `inf`; a script never means that.
            report(.numberTooLarge(digits: end - start, at: buffer.range(start..<end)))
        }
        if buffer[end] == "%" {
            emit(.number(value / 100, isPercent: true), start..<end + 1)
        } else {
            emit(.number(value, isPercent: false), start..<end)
        }
    }

    /// `:name rest of line`; the argument is the rest of the line, trimmed, without a trailing
    /// comment (a `#` after white space), as everywhere else in a script.
    private mutating func lexCommand() {
        let start = index
        var nameEnd = start + 1
        while buffer.isIdentifierContinue(nameEnd) { nameEnd += 1 }
        let end = endOfLine(from: nameEnd)
        let name = Identifier(buffer.text(start + 1..<nameEnd), range: buffer.range(start + 1..<nameEnd))
        var argument = Array(buffer.text(nameEnd..<end))
        if let comment = argument.indices.first(where: {
            argument[$0] == "#" && ($0 == 0 || argument[$0 - 1].isWhitespace)
        }) {
            argument = Array(argument[..<comment])
        }
        let argumentText = String(argument).trimmingWhiteSpace()
        emit(.command(name: name, argument: argumentText), start..<end)
    }

    private mutating func lexPunctuation() {
        let start = index
        if let next = buffer[start + 1], next == "=", let first = buffer[start],
            let punctuation = Punctuation(rawValue: String(first) + "=")
        {
            emit(.punctuation(punctuation), start..<start + 2)
            return
        }
        guard let scalar = buffer[start], let punctuation = Punctuation(rawValue: String(scalar)) else {
            report(.unexpectedCharacter(buffer.text(start..<start + 1), at: buffer.range(start..<start + 1)))
            index += 1
            return
        }
        if punctuation.isOpening {
            openDelimiters.append(punctuation)
        } else if punctuation.isClosing, !openDelimiters.isEmpty {
            openDelimiters.removeLast()
        }
        emit(.punctuation(punctuation), start..<start + 1)
    }
}

extension String {
    /// The text without leading and trailing white space (no Foundation needed).
    func trimmingWhiteSpace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
