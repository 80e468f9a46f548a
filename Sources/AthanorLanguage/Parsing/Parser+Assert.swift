/// `assert [QUANTIFIER of] RUN [where FILTER]: CONDITION [MESSAGE]`.
///
/// The quantifier words are contextual: `all`, `any`, `at` and `least` are names unless they form
/// a quantifier followed by `of`, so a run may still be called `all`.
extension Parser {
    mutating func parseAssert() throws(Failure) -> Statement {
        let start = advance().range.start
        let quantifier = try parseQuantifier()
        let run = try parseExpression()
        var filter: Expression?
        if consumeWord("where") != nil {
            filter = try parseExpression()
        }
        _ = try expect(.colon, "':' after the run in 'assert'")
        let condition = try parseExpression()
        var message: Expression?
        if case .string = current.kind {
            message = try parseExpression()
        }
        let assertion = Assertion(
            quantifier: quantifier, run: run, filter: filter, condition: condition, message: message)
        return Statement(.assert(assertion), range: range(from: start))
    }

    private mutating func parseQuantifier() throws(Failure) -> Assertion.Quantifier {
        let token = current
        let next = peekNext()
        switch token.kind {
        case .word("all"), .word("any"):
            let quantifier: Assertion.Quantifier = token.isWord("all") ? .all : .any
            if next.isWord("of") {
                advance()
                advance()
                return quantifier
            }
            if isName(next) {
                throw fail(.expected("'of' after '\(token.word ?? "")'", at: next.range))
            }
            return .all
        case .number(let value, isPercent: true):
            advance()
            try expectOf(after: token)
            if !(0...1).contains(value) { report(.percentageOutOfRange(at: token.range)) }
            return .fraction(value)
        case .number(_, isPercent: false) where next.isWord("of"):
            throw fail(.bareNumberQuantifier(at: token.range))
        case .word("at") where next.isWord("least"):
            advance()
            advance()
            let countToken = current
            guard case .number(let value, isPercent: false) = countToken.kind, value.rounded() == value,
                value <= Double(Int32.max)
            else {
                throw fail(.expected("a whole number after 'at least'", at: countToken.range))
            }
            advance()
            try expectOf(after: countToken)
            return .atLeast(Int(value))
        default:
            return .all
        }
    }

    private mutating func expectOf(after token: Token) throws(Failure) {
        if consumeWord("of") == nil {
            throw fail(.expected("'of' after '\(describe(token))'", at: current.range))
        }
    }
}
