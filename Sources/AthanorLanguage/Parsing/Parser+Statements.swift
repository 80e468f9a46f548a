/// The statements: `model`, `prompt`, `let`, `ask`, `score`, `sweep`, `assert`, `show`, meta-commands and
/// bare expressions.
///
/// Statement keywords are contextual: they count only as the first word of a statement, and
/// `model` and `prompt` only when a name follows, so `model == llama` is an expression.
extension Parser {
    mutating func parseStatement() throws(Failure) -> Statement {
        let token = current
        if case .command(let name, let argument) = token.kind {
            advance()
            return Statement(.command(name: name, argument: argument), range: token.range)
        }
        switch token.word {
        case "model" where isName(peekNext()): return try parseModel()
        case "prompt" where isName(peekNext()): return try parsePrompt()
        case "let": return try parseLet()
        case "ask": return try parseAsk()
        case "score" where startsScore(): return try parseScore()
        case "sweep": return try parseSweep()
        case "assert": return try parseAssert()
        case "show": return try parseShow()
        default:
            let expression = try parseExpression()
            return Statement(.expression(expression), range: expression.range)
        }
    }

    private mutating func parseModel() throws(Failure) -> Statement {
        let start = advance().range.start
        let name = try parseName(after: "'model'")
        _ = try expect(.assign, "'=' after the model name")
        let id = try parseExpression()
        var parameters: Expression?
        if current.isPunctuation(.leftBrace) {
            parameters = try parseRecord()
        }
        return Statement(.model(name: name, id: id, parameters: parameters), range: range(from: start))
    }

    private mutating func parsePrompt() throws(Failure) -> Statement {
        let start = advance().range.start
        let name = try parseName(after: "'prompt'")
        if consume(.assign) != nil {
            let content = try parseExpression()
            let message = PromptMessage(role: .user, roleRange: content.range, content: content)
            return Statement(.prompt(name: name, messages: [message]), range: range(from: start))
        }
        guard current.isPunctuation(.leftBrace) else {
            throw fail(.expected("'=' or '{' after the prompt name", at: current.range))
        }
        var messages: [PromptMessage] = []
        try parseBlock(of: "prompt") { parser throws(Failure) in
            let roleToken = parser.current
            guard let word = roleToken.word else {
                throw parser.fail(.expected("a role (system, user or assistant)", at: roleToken.range))
            }
            parser.advance()
            let content = try parser.parseExpression()
            if let role = PromptMessage.Role(rawValue: word) {
                messages.append(PromptMessage(role: role, roleRange: roleToken.range, content: content))
            } else {
                parser.report(.unknownRole(word, at: roleToken.range))
            }
        }
        if messages.isEmpty { report(.emptyPrompt(name.name, at: name.range)) }
        return Statement(.prompt(name: name, messages: messages), range: range(from: start))
    }

    private mutating func parseLet() throws(Failure) -> Statement {
        let start = advance().range.start
        let name = try parseName(after: "'let'")
        _ = try expect(.assign, "'=' after the name in 'let'")
        let value = try parseExpression()
        return Statement(.let(name: name, value: value), range: range(from: start))
    }

    /// `ask MODELS PROMPT`: the models are a postfix expression, so `ask mini "..."` does not
    /// read `mini "..."` as one expression.
    private mutating func parseAsk() throws(Failure) -> Statement {
        let start = advance().range.start
        let models = try nested { parser throws(Failure) in try parser.parsePostfix() }
        let prompt = try parseExpression()
        return Statement(.ask(models: models, prompt: prompt), range: range(from: start))
    }

    /// `score MODELS PROMPT TEXT`: the models and the prompt are postfix expressions (as `ask`'s
    /// models), so `score mini "The capital is" "Paris"` reads three.
    private mutating func parseScore() throws(Failure) -> Statement {
        let start = advance().range.start
        let models = try nested { parser throws(Failure) in try parser.parsePostfix() }
        let prompt = try nested { parser throws(Failure) in try parser.parsePostfix() }
        let text = try parseExpression()
        return Statement(.score(models: models, prompt: prompt, text: text), range: range(from: start))
    }

    /// `score` starts a statement when models follow it: a name, or a `[` apart from it. Anything
    /// else (`score + 1`, `score[0]`, `score` alone) is an expression naming a binding `score`.
    private mutating func startsScore() -> Bool {
        let word = current
        let next = peekNext()
        if isName(next) { return true }
        return next.isPunctuation(.leftBracket) && next.span.lowerBound > word.span.upperBound
    }

    private mutating func parseSweep() throws(Failure) -> Statement {
        let start = advance().range.start
        let name = try parseName(after: "'sweep'")
        guard current.isPunctuation(.leftBrace) else {
            throw fail(.expected("'{' after the sweep name", at: current.range))
        }
        var fields: [SweepField] = []
        try parseBlock(of: "sweep") { parser throws(Failure) in
            let keyToken = parser.current
            guard let word = keyToken.word else {
                throw parser.fail(.expected("a sweep key such as 'models:'", at: keyToken.range))
            }
            parser.advance()
            _ = try parser.expect(.colon, "':' after the sweep key '\(word)'")
            let value = try parser.parseExpression()
            if let key = SweepKey(rawValue: word) {
                if fields.contains(where: { $0.key == key }) {
                    parser.report(.duplicateSweepKey(word, at: keyToken.range))
                } else {
                    fields.append(SweepField(key: key, keyRange: keyToken.range, value: value))
                }
            } else {
                parser.report(.unknownSweepKey(word, at: keyToken.range))
            }
        }
        return Statement(.sweep(name: name, fields: fields), range: range(from: start))
    }

    private mutating func parseShow() throws(Failure) -> Statement {
        let start = advance().range.start
        let subject = try parseExpression()
        var filter: Expression?
        if consumeWord("where") != nil {
            filter = try parseExpression()
        }
        var groups: [Expression] = []
        if consumeWord("by") != nil {
            repeat {
                groups.append(try parseExpression())
            } while consume(.comma) != nil
        }
        var columns: [Expression] = []
        if consume(.colon) != nil {
            repeat {
                columns.append(try parseExpression())
            } while consume(.comma) != nil
        }
        return Statement(
            .show(subject: subject, filter: filter, groups: groups, columns: columns), range: range(from: start))
    }

    /// A name being bound: a word that is not reserved.
    mutating func parseName(after keyword: String) throws(Failure) -> Identifier {
        let token = current
        guard let word = token.word else { throw fail(.expected("a name after \(keyword)", at: token.range)) }
        if Self.reservedWords.contains(word) { throw fail(.reservedWord(word, at: token.range)) }
        advance()
        return Identifier(word, range: token.range)
    }

    func isName(_ token: Token) -> Bool {
        guard let word = token.word else { return false }
        return !Self.reservedWords.contains(word)
    }

    /// `{ item ... }` with items separated by line breaks and/or commas. An item that fails is
    /// skipped up to the next line, so one bad sweep field does not hide the others.
    mutating func parseBlock(
        of what: String, _ item: (inout Parser) throws(Failure) -> Void
    ) throws(Failure) {
        let open = advance()
        try withNewlines(significant: true) { parser throws(Failure) in
            while true {
                while parser.current.isNewline || parser.current.isPunctuation(.comma) { parser.advance() }
                if parser.consume(.rightBrace) != nil { return }
                if parser.current.isEndOfFile { throw parser.fail(.unclosed("{", in: what, at: open.range)) }
                let start = parser.index
                do throws(Failure) {
                    try item(&parser)
                    let next = parser.current
                    if !(next.isNewline || next.isPunctuation(.comma) || next.isPunctuation(.rightBrace)) {
                        throw parser.fail(
                            .expected("a new line or ',' before '\(parser.describe(next))'", at: next.range))
                    }
                } catch {
                    parser.synchronize()
                    if parser.index == start { parser.index += 1 }
                }
            }
        }
    }
}
