/// Expressions, lowest precedence first: `if C then A else B`; `or`; `and`; `not`; comparisons
/// (`== != < <= > >= in`, not chained); `+ -`; `* /`; unary `-`; postfix `.field`, `[index]` and
/// calls; then literals, names, lists, records and parentheses.
///
/// Every recursion goes through `nested`, so depth is bounded whatever the input.
extension Parser {
    /// Words that are never names.
    static let reservedWords = Set(Keyword.allCases.filter(\.isReserved).map(\.rawValue))

    mutating func parseExpression() throws(Failure) -> Expression {
        try nested { parser throws(Failure) in
            parser.current.isWord("if") ? try parser.parseConditional() : try parser.parseOr()
        }
    }

    private mutating func parseConditional() throws(Failure) -> Expression {
        let start = advance().range.start
        let condition = try parseExpression()
        if consumeWord("then") == nil { throw fail(.expected("'then' after the condition of 'if'", at: current.range)) }
        let then = try parseExpression()
        if consumeWord("else") == nil { throw fail(.expected("'else' after the 'then' branch", at: current.range)) }
        let otherwise = try parseExpression()
        let whole = range(from: start)
        return try bounded(.conditional(condition: condition, then: then, else: otherwise), range: whole, at: whole)
    }

    private mutating func parseOr() throws(Failure) -> Expression {
        var left = try parseAnd()
        while let word = consumeWord("or") {
            let right = try parseAnd()
            left = try bounded(.binary(.or, left, right), range: left.range.union(right.range), at: word.range)
        }
        return left
    }

    private mutating func parseAnd() throws(Failure) -> Expression {
        var left = try parseNot()
        while let word = consumeWord("and") {
            let right = try parseNot()
            left = try bounded(.binary(.and, left, right), range: left.range.union(right.range), at: word.range)
        }
        return left
    }

    private mutating func parseNot() throws(Failure) -> Expression {
        guard current.isWord("not") else { return try parseComparison() }
        let word = advance().range
        let operand = try nested { parser throws(Failure) in try parser.parseNot() }
        return try bounded(.unary(.not, operand), range: range(from: word.start), at: word)
    }

    private mutating func parseComparison() throws(Failure) -> Expression {
        let left = try parseAdditive()
        guard let (comparison, token) = comparisonOperator() else { return left }
        advance()
        let right = try parseAdditive()
        if let (_, token) = comparisonOperator() {
            throw fail(.chainedComparison(describe(token), at: token.range))
        }
        return try bounded(.binary(comparison, left, right), range: left.range.union(right.range), at: token.range)
    }

    private mutating func comparisonOperator() -> (BinaryOperator, Token)? {
        let token = current
        if token.isWord("in") { return (.in, token) }
        guard case .punctuation(let punctuation) = token.kind else { return nil }
        let map: [Punctuation: BinaryOperator] = [
            .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual,
            .greater: .greater, .greaterOrEqual: .greaterOrEqual,
        ]
        return map[punctuation].map { ($0, token) }
    }

    private mutating func parseAdditive() throws(Failure) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let operation: BinaryOperator
            let token = current
            if consume(.plus) != nil {
                operation = .add
            } else if consume(.minus) != nil {
                operation = .subtract
            } else {
                return left
            }
            let right = try parseMultiplicative()
            left = try bounded(.binary(operation, left, right), range: left.range.union(right.range), at: token.range)
        }
    }

    private mutating func parseMultiplicative() throws(Failure) -> Expression {
        var left = try parseUnary()
        while true {
            let operation: BinaryOperator
            let token = current
            if consume(.star) != nil {
                operation = .multiply
            } else if consume(.slash) != nil {
                operation = .divide
            } else {
                return left
            }
            let right = try parseUnary()
            left = try bounded(.binary(operation, left, right), range: left.range.union(right.range), at: token.range)
        }
    }

    private mutating func parseUnary() throws(Failure) -> Expression {
        guard current.isPunctuation(.minus) else { return try parsePostfix() }
        let sign = advance().range
        let operand = try nested { parser throws(Failure) in try parser.parseUnary() }
        return try bounded(.unary(.negate, operand), range: range(from: sign.start), at: sign)
    }

    /// A primary followed by `.field`, `[index]` and, after a name, `(arguments)`.
    mutating func parsePostfix() throws(Failure) -> Expression {
        var expression = try parsePrimary()
        while true {
            if consume(.dot) != nil {
                let token = current
                guard let word = token.word else {
                    throw fail(.expected("a field name after '.'", at: token.range))
                }
                advance()
                let name = Identifier(word, range: token.range)
                expression = try bounded(
                    .field(base: expression, name: name), range: expression.range.union(token.range), at: token.range)
            } else if current.isPunctuation(.leftBracket) {
                let bracket = advance().range
                let index = try withNewlines(significant: false) { parser throws(Failure) in
                    let index = try parser.parseExpression()
                    _ = try parser.expect(.rightBracket, "']' after the index")
                    return index
                }
                expression = try bounded(
                    .index(base: expression, index: index), range: range(from: expression.range.start), at: bracket)
            } else if current.isPunctuation(.leftParen), case .name(let name) = expression.kind {
                let function = Identifier(name, range: expression.range)
                let arguments = try parseArguments()
                expression = try bounded(
                    .call(function: function, arguments: arguments), range: range(from: expression.range.start),
                    at: function.range)
            } else if current.isPunctuation(.leftParen), case .field = expression.kind {
                throw fail(.onlyNamesCanBeCalled(at: current.range))
            } else {
                return expression
            }
        }
    }

    /// `(value, label: value, ...)`; a trailing comma is allowed.
    private mutating func parseArguments() throws(Failure) -> [Argument] {
        advance()
        return try withNewlines(significant: false) { parser throws(Failure) in
            var arguments: [Argument] = []
            while parser.consume(.rightParen) == nil {
                var label: Identifier?
                if let word = parser.current.word, parser.peekNext().isPunctuation(.colon) {
                    label = Identifier(word, range: parser.advance().range)
                    parser.advance()
                }
                arguments.append(Argument(label: label, value: try parser.parseExpression()))
                if parser.consume(.comma) == nil, !parser.current.isPunctuation(.rightParen) {
                    throw parser.fail(.expected("',' or ')' in the arguments", at: parser.current.range))
                }
            }
            return arguments
        }
    }
}
