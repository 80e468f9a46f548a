/// Reads Athanor source into a `Script`: recursive descent over the lexer's tokens.
///
/// The parser is split by concern: this file holds the entry points, token access and error
/// recovery; `Parser+Cells` splits a file into cells, `Parser+Statements` and
/// `Parser+Expressions` hold the grammar.
///
/// Errors never stop parsing. Each is recorded as a diagnostic, then the parser skips to the next
/// line break outside any bracket and goes on, so one run reports every mistake in a file.
/// Nesting is capped (`LanguageLimits.expressionDepth`) so no input can exhaust the stack: the
/// parser's own recursion (`nested`) and the depth of every tree it builds (`bounded`), since a
/// chain read in a loop, `a.b.b.b` or `1 + 1 + 1`, is as deep a tree as brackets are.
public struct Parser {
    /// Parses a script file: `# %%` markers open cells; without them each statement is a cell.
    public static func parseScript(_ file: SourceFile) -> ParseResult {
        CellSplitter(file: file, recognizesCellMarkers: true).parse()
    }

    /// Parses one REPL entry, which is always exactly one cell.
    public static func parseEntry(_ file: SourceFile) -> ParseResult {
        CellSplitter(file: file, recognizesCellMarkers: false).parse()
    }

    /// How deeply the parser may recurse (brackets, `-`, `not`, `if`) before it gives up.
    static let maximumNesting = LanguageLimits.nestingDepth
    /// How deep a tree the parser builds, chains included.
    static let maximumDepth = LanguageLimits.expressionDepth

    let buffer: ScalarBuffer
    /// The tokens of one cell, always ending with `.endOfFile`.
    var tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// Whether line breaks are skipped: true inside `( )` and `[ ]`, false at the top and in `{ }`.
    var newlineModes: [Bool] = [false]
    var depth = 0
    /// Where the last consumed token ended, for the ranges of syntax nodes.
    var lastEnd: SourceLocation

    init(tokens: [Token], buffer: ScalarBuffer) {
        self.tokens = tokens
        self.buffer = buffer
        self.lastEnd = tokens.first?.range.start ?? SourceLocation(line: 1, column: 1, offset: 0)
    }

    /// Thrown after a diagnostic has been recorded, to unwind to a point that can recover.
    struct Failure: Error {}

    // MARK: Statements of one cell

    mutating func parseStatements() -> [Statement] {
        var statements: [Statement] = []
        while true {
            while tokens[index].isNewline { index += 1 }
            if tokens[index].isEndOfFile { return statements }
            let start = index
            do throws(Failure) {
                let statement = try parseStatement()
                try expectEndOfStatement()
                statements.append(statement)
            } catch {
                // At the top no construct encloses the error, so a stray closing bracket is skipped too.
                synchronize()
                while case .punctuation(let punctuation) = tokens[index].kind, punctuation.isClosing {
                    index += 1
                    synchronize()
                }
                if index == start { index += 1 }
            }
        }
    }

    private mutating func expectEndOfStatement() throws(Failure) {
        let token = tokens[index]
        if token.isNewline || token.isEndOfFile { return }
        throw fail(.unexpectedAfterStatement(describe(token), at: token.range))
    }

    // MARK: Tokens

    /// The next significant token: line breaks are skipped inside `( )` and `[ ]`.
    var current: Token {
        mutating get {
            if newlineModes.last == true {
                while tokens[index].isNewline { index += 1 }
            }
            return tokens[index]
        }
    }

    /// The significant token after `current`.
    mutating func peekNext() -> Token {
        _ = current
        var next = min(index + 1, tokens.count - 1)
        if newlineModes.last == true {
            while tokens[next].isNewline { next += 1 }
        }
        return tokens[next]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if !token.isEndOfFile { index += 1 }
        lastEnd = token.range.end
        return token
    }

    mutating func consume(_ punctuation: Punctuation) -> Token? {
        current.isPunctuation(punctuation) ? advance() : nil
    }

    mutating func consumeWord(_ word: String) -> Token? {
        current.isWord(word) ? advance() : nil
    }

    mutating func expect(_ punctuation: Punctuation, _ what: String) throws(Failure) -> Token {
        if let token = consume(punctuation) { return token }
        throw fail(.expected(what, at: current.range))
    }

    /// Skips line breaks even where they are significant (before a block's first field).
    mutating func skipNewlines() {
        while tokens[index].isNewline { index += 1 }
    }

    /// Records a diagnostic and returns the error to throw.
    mutating func fail(_ diagnostic: Diagnostic) -> Failure {
        diagnostics.append(diagnostic)
        return Failure()
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// The range from `start` to the end of the last consumed token.
    func range(from start: SourceLocation) -> SourceRange {
        SourceRange(start: start, end: max(start, lastEnd))
    }

    /// The token's text for a message, shortened when long.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .endOfFile: return "end of input"
        default:
            let text = buffer.text(token.span)
            return text.count > 24 ? String(text.prefix(24)) + "…" : text
        }
    }

    /// Runs `body` with line breaks significant (`{ }`) or not (`( )`, `[ ]`).
    mutating func withNewlines<T>(
        significant: Bool, _ body: (inout Parser) throws(Failure) -> T
    ) throws(Failure) -> T {
        newlineModes.append(!significant)
        defer { newlineModes.removeLast() }
        return try body(&self)
    }

    /// Counts one level of nesting, failing past `maximumNesting`.
    mutating func nested<T>(_ body: (inout Parser) throws(Failure) -> T) throws(Failure) -> T {
        if depth >= Self.maximumNesting { throw fail(.nestingTooDeep(at: current.range)) }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// The expression `kind` with `range`, failing at `place` when it is deeper than `maximumDepth`.
    mutating func bounded(_ kind: Expression.Kind, range: SourceRange, at place: SourceRange) throws(Failure)
        -> Expression
    {
        let expression = Expression(kind, range: range)
        if expression.depth > Self.maximumDepth { throw fail(.expressionTooDeep(at: place)) }
        return expression
    }

    // MARK: Recovery

    /// Skips to the next line break outside any bracket opened after the error, or to a closing
    /// bracket that belongs to an enclosing construct (a sweep's `}`), whichever comes first.
    mutating func synchronize() {
        var open = 0
        while true {
            let token = tokens[index]
            switch token.kind {
            case .endOfFile: return
            case .newline where open == 0: return
            case .punctuation(let punctuation) where punctuation.isOpening: open += 1
            case .punctuation(let punctuation) where punctuation.isClosing:
                if open == 0 { return }
                open -= 1
            default: break
            }
            index += 1
        }
    }
}
