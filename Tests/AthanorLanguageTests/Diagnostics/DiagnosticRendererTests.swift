import AthanorLanguage
import Testing

@Suite struct DiagnosticRendererTests {
    static let file = SourceFile(
        name: "capitals.ath",
        text: String(repeating: "\n", count: 11) + "assert capitals: contains(output, answers[contry])\n")

    static func range(line: Int, from start: Int, to end: Int) -> SourceRange {
        SourceRange(
            start: SourceLocation(line: line, column: start, offset: 0),
            end: SourceLocation(line: line, column: end, offset: 0))
    }

    @Test func rendersLocationLineCaretAndSuggestion() {
        let diagnostic = Diagnostic(
            .error, "unknown variable 'contry'", at: Self.range(line: 12, from: 43, to: 49), suggestion: "country")
        #expect(
            DiagnosticRenderer.render(diagnostic, in: Self.file, color: false) == """
                capitals.ath:12:43: error: unknown variable 'contry'
                   12 | assert capitals: contains(output, answers[contry])
                      |                                           ^~~~~~
                      = did you mean 'country'?
                """)
    }

    @Test func rendersNotesAfterTheSuggestion() {
        let file = SourceFile(name: "s.ath", text: "sweep s {\n  mdoels: [m]\n}")
        let result = Parser.parseScript(file)
        let rendered = result.diagnostics.map { DiagnosticRenderer.render($0, in: file, color: false) }
        #expect(
            rendered == [
                """
                s.ath:2:3: error: unknown sweep key 'mdoels'
                    2 |   mdoels: [m]
                      |   ^~~~~~
                      = did you mean 'models'?
                      = known keys: models, model, prompt, vars, params, turns, score, repeat, concurrency
                """
            ])
    }

    @Test func caretCopiesTabsAndMarksAtLeastOneColumn() {
        let file = SourceFile(name: "t.ath", text: "\tlet x =")
        let diagnostic = Diagnostic(.error, "expected an expression", at: Self.range(line: 1, from: 9, to: 9))
        #expect(
            DiagnosticRenderer.render(diagnostic, in: file, color: false) == """
                t.ath:1:9: error: expected an expression
                    1 | \tlet x =
                      | \t       ^
                """)
    }

    @Test func multiLineRangesUnderlineToTheEndOfTheFirstLine() {
        let file = SourceFile(name: "m.ath", text: "let x = [1,\n 2")
        let range = SourceRange(
            start: SourceLocation(line: 1, column: 9, offset: 8), end: SourceLocation(line: 2, column: 3, offset: 14))
        let rendered = DiagnosticRenderer.render(Diagnostic(.warning, "odd", at: range), in: file, color: false)
        #expect(rendered.split(separator: "\n").last == "      |         ^~~")
    }

    @Test func aRangeOutsideTheFileHasNoSourceLine() {
        let diagnostic = Diagnostic(.error, "no such run", at: .none)
        #expect(
            DiagnosticRenderer.render(diagnostic, in: Self.file, color: false) == "capitals.ath: error: no such run")
    }

    @Test func colorWrapsInANSIOnlyWhenAsked() {
        let diagnostic = Diagnostic(.error, "bad", at: Self.range(line: 12, from: 1, to: 7))
        let colored = DiagnosticRenderer.render(diagnostic, in: Self.file, color: true)
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;31m^~~~~~\u{1B}[0m"))
        #expect(!DiagnosticRenderer.render(diagnostic, in: Self.file, color: false).contains("\u{1B}"))
    }
}

@Suite struct NameSuggestionTests {
    @Test(arguments: [
        ("mdoels", "models"), ("usr", "user"), ("contry", "country"), ("MODELS", "models"), ("prmpt", "prompt"),
        ("temprature", "temperature"),
    ])
    func nearMissesAreSuggested(name: String, expected: String) {
        let candidates = ["models", "model", "prompt", "user", "country", "temperature"]
        #expect(NameSuggestion.nearest(to: name, among: candidates) == expected)
    }

    @Test func farGuessesAreNot() {
        #expect(NameSuggestion.nearest(to: "xyz", among: ["models", "user"]) == nil)
        #expect(NameSuggestion.nearest(to: "ab", among: ["cd"]) == nil)
        #expect(NameSuggestion.nearest(to: "", among: [String]()) == nil)
    }
}
