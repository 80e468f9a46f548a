/// The lexer's and the parser's messages, in one voice: lower case, the offending text quoted.
///
/// Kept together so the wording stays consistent and tests can build the exact expected diagnostic.
extension Diagnostic {
    // MARK: Lexing

    static func invalidUTF8(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "the file is not valid UTF-8", at: range, notes: ["save it as UTF-8 and run it again"])
    }

    static func unexpectedCharacter(_ character: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "unexpected character '\(character)'", at: range)
    }

    static func unterminatedString(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "unterminated string", at: range)
    }

    static func unterminatedMultilineString(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "unterminated multi-line string", at: range, notes: ["close it with '\"\"\"' on a line of its own"])
    }

    static func multilineStringContentOnOpeningLine(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "multi-line string content must start on the line after '\"\"\"'", at: range)
    }

    static func invalidEscape(_ escape: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "invalid escape '\(escape)' in string", at: range,
            notes: ["escapes are \\n \\t \\r \\0 \\\" \\' \\\\ \\{ and \\u{...}"])
    }

    static func invalidUnicodeEscape(_ escape: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "invalid unicode escape '\(escape)'", at: range)
    }

    static func numberTooLarge(digits: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "number is too large (\(digits) digits)", at: range,
            notes: ["the largest number is about 1.8e308, a number of 309 digits"])
    }

    static func unclosedPlaceholder(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "'{{' without a matching '}}' in template", at: range)
    }

    static func invalidPlaceholder(_ text: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "expected a name inside '\(text)'", at: range,
            notes: ["write a placeholder as {{ name }} or {{ name.field }}"])
    }

    // MARK: Parsing

    /// The last diagnostic of a file with more than `LanguageLimits.diagnosticsPerFile`; it has no
    /// location, so it renders as one line after the others.
    static func moreErrors(_ count: Int) -> Diagnostic {
        Diagnostic(.note, "and \(count) more error\(count == 1 ? "" : "s")", at: .none)
    }

    static func expected(_ what: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "expected \(what)", at: range)
    }

    static func expectedExpression(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "expected an expression", at: range)
    }

    static func reservedWord(_ word: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "'\(word)' is a reserved word and cannot be used as a name", at: range)
    }

    static func unexpectedAfterStatement(_ text: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "unexpected '\(text)' after the end of the statement", at: range)
    }

    static func unclosed(_ delimiter: String, in what: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "'\(delimiter)' of the \(what) is never closed", at: range)
    }

    static func unknownSweepKey(_ key: String, at range: SourceRange) -> Diagnostic {
        let known = SweepKey.allCases.map(\.rawValue)
        return Diagnostic(
            .error, "unknown sweep key '\(key)'", at: range,
            suggestion: NameSuggestion.nearest(to: key, among: known),
            notes: ["known keys: " + known.joined(separator: ", ")])
    }

    static func duplicateSweepKey(_ key: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "duplicate sweep key '\(key)'", at: range)
    }

    static func unknownRole(_ role: String, at range: SourceRange) -> Diagnostic {
        let known = PromptMessage.Role.allCases.map(\.rawValue)
        return Diagnostic(
            .error, "unknown role '\(role)' in prompt", at: range,
            suggestion: NameSuggestion.nearest(to: role, among: known),
            notes: ["roles are system, user and assistant"])
    }

    static func emptyPrompt(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "prompt '\(name)' has no messages", at: range)
    }

    static func duplicateRecordKey(_ key: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "duplicate key '\(key)' in record", at: range)
    }

    static func nestingTooDeep(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "expression is nested too deeply", at: range,
            notes: ["brackets, '-', 'not' and 'if' may nest at most \(Parser.maximumNesting) levels"])
    }

    static func expressionTooDeep(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "expression is nested too deeply", at: range,
            notes: [
                "an expression may be at most \(Parser.maximumDepth) levels deep; "
                    + "each operator, '.field', '[index]' and call adds one"
            ])
    }

    static func chainedComparison(_ operator: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "comparisons cannot be chained: '\(`operator`)' follows another comparison", at: range,
            notes: ["combine them with 'and'"])
    }

    static func onlyNamesCanBeCalled(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "only a function or prompt name can be called", at: range)
    }

    static func bareNumberQuantifier(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "a number before 'of' needs '%' or 'at least'", at: range,
            notes: ["write '90% of RUN' or 'at least 3 of RUN'"])
    }

    static func percentageOutOfRange(at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "a percentage quantifier must be between 0% and 100%", at: range)
    }
}
