/// Splits a file into cells and has each parsed on its own.
///
/// Each cell's tokens are parsed separately, so a bracket left open in one cell cannot swallow
/// the next. A cell's `source` is its exact text with leading and trailing blank lines trimmed,
/// and its `range` covers exactly that text.
struct CellSplitter {
    let file: SourceFile
    let recognizesCellMarkers: Bool

    private struct Segment {
        var marker: Token?
        var tokens: [Token]
        /// Scalar indices from after the marker line to the next marker or the end of the file.
        var span: Range<Int>
    }

    func parse() -> ParseResult {
        let buffer = ScalarBuffer(file.text)
        var lexer = Lexer(buffer: buffer, recognizesCellMarkers: recognizesCellMarkers)
        let lexed = lexer.lex()
        var diagnostics = lexed.diagnostics
        var cells: [Cell] = []

        let segments = split(lexed.tokens, buffer: buffer)
        for (number, segment) in segments.enumerated() {
            var parser = Parser(tokens: segment.tokens, buffer: buffer)
            let statements = parser.parseStatements()
            diagnostics += parser.diagnostics
            if !recognizesCellMarkers {
                cells.append(cell(title: nil, statements: statements, span: segment.span, buffer: buffer))
            } else if segments.count == 1 {
                cells += statementCells(statements, buffer: buffer)
            } else if let marker = segment.marker, case .cellMarker(let title) = marker.kind {
                cells.append(cell(title: title, statements: statements, span: segment.span, buffer: buffer))
            } else if number == 0, segment.tokens.contains(where: { !$0.isNewline && !$0.isEndOfFile }) {
                cells.append(cell(title: nil, statements: statements, span: segment.span, buffer: buffer))
            }
        }
        diagnostics.sort { $0.range.start < $1.range.start }
        return ParseResult(script: Script(file: file, cells: cells), diagnostics: Self.capped(diagnostics))
    }

    /// The first `LanguageLimits.diagnosticsPerFile` diagnostics, then a note counting the rest.
    static func capped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let limit = LanguageLimits.diagnosticsPerFile
        guard diagnostics.count > limit else { return diagnostics }
        return Array(diagnostics.prefix(limit)) + [.moreErrors(diagnostics.count - limit)]
    }

    /// The text before the first marker, then one segment per marker; each ends with `.endOfFile`.
    private func split(_ tokens: [Token], buffer: ScalarBuffer) -> [Segment] {
        var segments = [Segment(marker: nil, tokens: [], span: 0..<buffer.count)]
        for token in tokens {
            if case .cellMarker = token.kind {
                close(&segments[segments.count - 1], at: token.span.lowerBound, buffer: buffer)
                let start = min(token.span.upperBound + 1, buffer.count)
                segments.append(Segment(marker: token, tokens: [], span: start..<buffer.count))
            } else if !token.isEndOfFile {
                segments[segments.count - 1].tokens.append(token)
            }
        }
        close(&segments[segments.count - 1], at: buffer.count, buffer: buffer)
        return segments
    }

    private func close(_ segment: inout Segment, at end: Int, buffer: ScalarBuffer) {
        segment.span = segment.span.lowerBound..<max(segment.span.lowerBound, end)
        segment.tokens.append(Token(kind: .endOfFile, range: buffer.range(end..<end), span: end..<end))
    }

    /// Without markers each statement is a cell that also holds the comment lines before it.
    private func statementCells(_ statements: [Statement], buffer: ScalarBuffer) -> [Cell] {
        var cells: [Cell] = []
        var start = 0
        for statement in statements {
            var end = buffer.index(ofOffset: statement.range.end.offset)
            while let scalar = buffer[end], scalar != "\n" { end += 1 }
            cells.append(cell(title: nil, statements: [statement], span: start..<end, buffer: buffer))
            start = min(end + 1, buffer.count)
        }
        return cells
    }

    private func cell(title: String?, statements: [Statement], span: Range<Int>, buffer: ScalarBuffer) -> Cell {
        let trimmed = trimBlankLines(span, buffer: buffer)
        return Cell(title: title, statements: statements, source: buffer.text(trimmed), range: buffer.range(trimmed))
    }

    /// Drops blank lines before the first line with text, and white space after the last text.
    private func trimBlankLines(_ span: Range<Int>, buffer: ScalarBuffer) -> Range<Int> {
        guard var lower = span.first(where: { !(buffer[$0]?.properties.isWhitespace ?? true) }) else {
            return span.lowerBound..<span.lowerBound
        }
        while lower > span.lowerBound, buffer[lower - 1] != "\n" { lower -= 1 }
        var upper = span.upperBound
        while upper > lower, buffer[upper - 1]?.properties.isWhitespace ?? false { upper -= 1 }
        return lower..<upper
    }
}
