import Testing

@testable import AthanorLanguage

@Suite struct LexerTests {
    static func lex(_ text: String, markers: Bool = true) -> Lexer.Output {
        var lexer = Lexer(buffer: ScalarBuffer(text), recognizesCellMarkers: markers)
        return lexer.lex()
    }

    static func kinds(_ text: String, markers: Bool = true) -> [Token.Kind] {
        lex(text, markers: markers).tokens.map(\.kind).filter { $0 != .endOfFile }
    }

    static func template(_ text: String) throws -> Template {
        let output = lex(text)
        guard case .string(let template) = try #require(output.tokens.first).kind else {
            Issue.record("not a string: \(output.tokens)")
            return Template(segments: [])
        }
        return template
    }

    @Test func numbersAndPercentages() {
        #expect(
            Self.kinds("3 0.25 90% 7.5%") == [
                .number(3, isPercent: false), .number(0.25, isPercent: false), .number(0.9, isPercent: true),
                .number(0.075, isPercent: true),
            ])
    }

    @Test func aNumberTooLargeForADoubleIsAnError() throws {
        let digits = String(repeating: "9", count: 100_000)
        let output = Self.lex("x = " + digits)
        let diagnostic = try #require(output.diagnostics.first)
        #expect(diagnostic.message == "number is too large (100000 digits)")
        #expect(diagnostic.range.start.column == 5)
        #expect(Self.lex(String(repeating: "9", count: 308)).diagnostics.isEmpty)
    }

    @Test func wordsPunctuationAndComments() {
        #expect(
            Self.kinds("a_1 <= b # note\n!= == = < > >= + - * / . , : ( ) [ ] { }") == [
                .word("a_1"), .punctuation(.lessOrEqual), .word("b"), .newline, .punctuation(.notEqual),
                .punctuation(.equal), .punctuation(.assign), .punctuation(.less), .punctuation(.greater),
                .punctuation(.greaterOrEqual), .punctuation(.plus), .punctuation(.minus), .punctuation(.star),
                .punctuation(.slash), .punctuation(.dot), .punctuation(.comma), .punctuation(.colon),
                .punctuation(.leftParen), .punctuation(.rightParen), .punctuation(.leftBracket),
                .punctuation(.rightBracket), .punctuation(.leftBrace), .punctuation(.rightBrace),
            ])
    }

    @Test func rangesCountScalarsAndUTF8() throws {
        let output = Self.lex("\"é😀\" x\n  y")
        let x = output.tokens[1]
        #expect(x.range.start == SourceLocation(line: 1, column: 6, offset: 9))
        let y = output.tokens[3]
        #expect(y.range.start == SourceLocation(line: 2, column: 3, offset: 13))
        #expect(y.range.end == SourceLocation(line: 2, column: 4, offset: 14))
    }

    @Test func escapes() throws {
        let template = try Self.template(#""a\n\t\"\\\u{1F600}\{{x}""#)
        #expect(template.segments == [.text("a\n\t\"\\😀{{x}")])
    }

    @Test func invalidEscapesAreReported() {
        let output = Self.lex(#""a\qb\u{110000}""#)
        #expect(
            output.diagnostics.map(\.message) == [
                "invalid escape '\\q' in string", "invalid unicode escape '\\u{110000}'",
            ])
        #expect(output.diagnostics[0].range.start.column == 3)
    }

    @Test func unterminatedStringEndsAtTheLine() {
        let output = Self.lex("\"abc\nnext")
        #expect(output.diagnostics.map(\.message) == ["unterminated string"])
        #expect(output.tokens.map(\.kind) == [.string(Template(text: "abc")), .newline, .word("next"), .endOfFile])
    }

    @Test func placeholdersCarryTheirSourceRanges() throws {
        let source = MarkedSource(#""Hi {{ 1️⃣name }}, {{2️⃣user.3️⃣city}}!""#)
        let template = try Self.template(source.text)
        #expect(template.sourceText == "Hi {{name}}, {{user.city}}!")
        let paths = template.placeholders
        #expect(paths.map { $0.map(\.range.start) } == [[source["1"]], [source["2"], source["3"]]])
        #expect(paths[1][0].range.end.column == source["2"].column + 4)
    }

    @Test func aPlaceholderNameMayBeSeveralWords() throws {
        let source = MarkedSource(#""{{ 1️⃣review text }} / {{2️⃣row.3️⃣review  text 2 }}""#)
        let paths = try Self.template(source.text).placeholders
        #expect(paths.map { $0.map(\.name) } == [["review text"], ["row", "review  text 2"]])
        #expect(paths.map { $0.map(\.range.start) } == [[source["1"]], [source["2"], source["3"]]])
        #expect(paths[0][0].range.end.column == source["1"].column + 11)
        #expect(Self.lex(#""a {{ review text + 1 }}""#).diagnostics.map(\.message).count == 1)
    }

    @Test func badPlaceholdersAreReported() {
        #expect(Self.lex(#""a {{ name""#).diagnostics.map(\.message) == ["'{{' without a matching '}}' in template"])
        #expect(Self.lex(#""a {{ 1 }}""#).diagnostics.map(\.message) == ["expected a name inside '{{ 1 }}'"])
    }

    @Test func multilineStringsRemoveCommonIndentation() throws {
        let source = MarkedSource(
            #"""
            """
                Hello {{ 1️⃣name }}
                  indented

                last
                """ x
            """#)
        let output = Self.lex(source.text)
        #expect(output.diagnostics == [])
        guard case .string(let template) = output.tokens[0].kind else { Issue.record("not a string"); return }
        #expect(template.sourceText == "Hello {{name}}\n  indented\n\nlast")
        #expect(template.placeholders.first?.first?.range.start == source["1"])
        #expect(output.tokens[1].kind == .word("x"))
    }

    @Test func multilineClosingLineIndentationCounts() throws {
        let template = try Self.template("\"\"\"\n    a\n  b\n    \"\"\"")
        #expect(template.sourceText == "  a\nb")
        let lessIndentedClosing = try Self.template("\"\"\"\n    a\n\"\"\"")
        #expect(lessIndentedClosing.sourceText == "    a")
    }

    @Test func multilineStringErrors() {
        #expect(
            Self.lex("\"\"\"text\n\"\"\"").diagnostics.map(\.message) == [
                "multi-line string content must start on the line after '\"\"\"'"
            ])
        let open = Self.lex("\"\"\"\n  still open")
        #expect(open.endsInsideMultilineString)
        #expect(open.diagnostics.map(\.message) == ["unterminated multi-line string"])
    }

    @Test func cellMarkersOnlyAtLineStartAndOnlyInScripts() {
        #expect(
            Self.kinds("# %% Title here \nx # %% not\n# %%") == [
                .cellMarker(title: "Title here"), .newline, .word("x"), .newline, .cellMarker(title: nil),
            ])
        #expect(Self.kinds("# %%x\n#%% y") == [.newline])
        #expect(Self.kinds("# %% T", markers: false) == [])
    }

    @Test func metaCommandsAtLineStartOutsideBrackets() throws {
        let output = Self.lex("  :load  my file.ath  \nx: y\n(\n:z)")
        guard case .command(let name, let argument) = output.tokens[0].kind else { Issue.record("no command"); return }
        #expect(name.name == "load")
        #expect(name.range.start.column == 4)
        #expect(argument == "my file.ath")
        #expect(output.tokens.dropFirst().map(\.kind).contains(.punctuation(.colon)))
        #expect(!output.tokens.dropFirst().contains { if case .command = $0.kind { true } else { false } })
    }

    @Test func unexpectedCharactersAreReportedAndSkipped() {
        let output = Self.lex("a @ b")
        #expect(output.diagnostics.map(\.message) == ["unexpected character '@'"])
        #expect(output.tokens.map(\.kind) == [.word("a"), .word("b"), .endOfFile])
    }
}

@Suite struct InputCompletenessTests {
    @Test(arguments: [
        ("", true), ("x = 1", true), ("sweep s {", false), ("sweep s {\n models: [m]\n}", true),
        ("f(1,", false), ("[1, [2]", false), ("prompt p = \"\"\"\n  hi", false),
        ("prompt p = \"\"\"\n  hi\n  \"\"\"", true),
        ("\"unterminated", true), ("\"(\"", true), ("# (", true), ("}", true), ("\"{{\"", true),
    ])
    func completeness(text: String, complete: Bool) {
        #expect(InputCompleteness.isComplete(text) == complete)
    }
}
