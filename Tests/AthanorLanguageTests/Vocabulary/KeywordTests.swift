import Testing

@testable import AthanorLanguage

@Suite struct KeywordTests {
    @Test func theParserReservesExactlyTheExpressionWords() {
        #expect(
            Parser.reservedWords
                == ["if", "then", "else", "and", "or", "not", "in", "true", "false", "null", "where", "of"])
        #expect(
            Keyword.allCases.filter(\.startsStatement).map(\.rawValue) == [
                "model", "prompt", "let", "ask", "score", "sweep", "assert", "show",
            ])
    }

    @Test func statementKeywordsStayUsableAsNames() {
        let parsed = Parser.parseEntry(SourceFile(name: "t", text: "let show = 1"))
        #expect(parsed.diagnostics.isEmpty)
        let score = Parser.parseEntry(SourceFile(name: "t", text: "let score = 1"))
        #expect(score.diagnostics.isEmpty)
        let by = Parser.parseEntry(SourceFile(name: "t", text: "let by = 1\nshow r by by: count()"))
        #expect(by.diagnostics.isEmpty)
    }
}
