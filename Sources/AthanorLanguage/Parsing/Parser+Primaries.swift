/// Primary expressions: literals, names, `[lists]`, `{records}` and `(parentheses)`.
extension Parser {
    mutating func parsePrimary() throws(Failure) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value, _):
            advance()
            return Expression(.number(value), range: token.range)
        case .string(let template):
            advance()
            return Expression(.string(template), range: token.range)
        case .word("true"), .word("false"):
            advance()
            return Expression(.bool(token.isWord("true")), range: token.range)
        case .word("null"):
            advance()
            return Expression(.null, range: token.range)
        case .word("if"):
            return try parseExpression()
        case .word(let word) where !Self.reservedWords.contains(word):
            advance()
            return Expression(.name(word), range: token.range)
        case .punctuation(.leftParen):
            advance()
            return try withNewlines(significant: false) { parser throws(Failure) in
                var inner = try parser.parseExpression()
                _ = try parser.expect(.rightParen, "')' to close '('")
                inner.range = parser.range(from: token.range.start)
                return inner
            }
        case .punctuation(.leftBracket):
            return try parseList()
        case .punctuation(.leftBrace):
            return try parseRecord()
        default:
            throw fail(.expectedExpression(at: token.range))
        }
    }

    /// `[a, b, c]`; line breaks are ignored inside and a trailing comma is allowed.
    private mutating func parseList() throws(Failure) -> Expression {
        let start = advance().range.start
        let elements = try withNewlines(significant: false) { parser throws(Failure) in
            var elements: [Expression] = []
            while parser.consume(.rightBracket) == nil {
                elements.append(try parser.parseExpression())
                if parser.consume(.comma) == nil, !parser.current.isPunctuation(.rightBracket) {
                    throw parser.fail(.expected("',' or ']' in the list", at: parser.current.range))
                }
            }
            return elements
        }
        let whole = range(from: start)
        return try bounded(.list(elements), range: whole, at: SourceRange(start: start, end: start))
    }

    /// `{ key: value, ... }`: keys are words or strings; commas and/or line breaks separate fields.
    mutating func parseRecord() throws(Failure) -> Expression {
        let start = advance().range.start
        let fields = try withNewlines(significant: true) { parser throws(Failure) in
            var fields: [RecordField] = []
            while true {
                while parser.current.isNewline { parser.advance() }
                if parser.consume(.rightBrace) != nil { return fields }
                let key = try parser.parseRecordKey()
                _ = try parser.expect(.colon, "':' after the key '\(key.name)'")
                let value = try parser.parseExpression()
                if fields.contains(where: { $0.key.name == key.name }) {
                    parser.report(.duplicateRecordKey(key.name, at: key.range))
                }
                fields.append(RecordField(key: key, value: value))
                let separated = parser.consume(.comma) != nil || parser.current.isNewline
                if !separated, !parser.current.isPunctuation(.rightBrace) {
                    throw parser.fail(.expected("',' or '}' in the record", at: parser.current.range))
                }
            }
        }
        let whole = range(from: start)
        return try bounded(.record(fields), range: whole, at: SourceRange(start: start, end: start))
    }

    private mutating func parseRecordKey() throws(Failure) -> Identifier {
        let token = current
        switch token.kind {
        case .word(let word):
            advance()
            return Identifier(word, range: token.range)
        case .string(let template):
            advance()
            return Identifier(template.sourceText, range: token.range)
        default:
            throw fail(.expected("a key (a name or a string) in the record", at: token.range))
        }
    }
}
