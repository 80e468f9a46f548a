import AthanorLanguage
import Testing

@Suite struct ParserTests {
    static func parse(_ text: String) -> ParseResult {
        Parser.parseScript(SourceFile(name: "test.ath", text: text))
    }

    static func statements(_ text: String) -> [Statement] {
        let result = parse(text)
        #expect(result.diagnostics == [], "\(result.diagnostics)")
        return result.script.cells.flatMap(\.statements)
    }

    /// The single bare expression in `text`, printed as an S-expression.
    static func expression(_ text: String) -> String {
        guard case .expression(let expression) = statements(text).first?.kind else { return "<none>" }
        return SyntaxPrinter.print(expression)
    }

    static func messages(_ text: String) -> [String] {
        parse(text).diagnostics.map(\.message)
    }

    // MARK: Expressions

    @Test(arguments: [
        ("1 + 2 * 3 - 4 / 2", "(- (+ 1 (* 2 3)) (/ 4 2))"),
        ("a or b and not c == d", "(or a (and b (not (== c d))))"),
        ("-x.y[0] * 2", "(* (- (index (. x y) 0)) 2)"),
        ("x in [1, 2] and y != 3", "(and (in x [1 2]) (!= y 3))"),
        ("if a < b then 1 else 2 + 3", "(if (< a b) 1 (+ 2 3))"),
        ("1 + if c then 2 else 3", "(+ 1 (if c 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("prob(\"x\", at: 0) >= 90%", "(>= (prob \"x\" at: 0) 0.9)"),
        ("_.results[0].tokens", "(. (index (. _ results) 0) tokens)"),
        ("not not true", "(not (not true))"),
        ("[1, 2,]", "[1 2]"),
        ("[\n  1,\n  2\n]", "[1 2]"),
        ("f(\n  a: 1,\n  2,\n)", "(f a: 1 2)"),
        ("{ a: 1, \"b c\": null }", "{a: 1 b c: null}"),
        ("{\n  a: 1\n  b: [2,\n 3], c: false\n}", "{a: 1 b: [2 3] c: false}"),
        ("{}", "{}"),
        ("x.in", "(. x in)"),
    ])
    func expressions(source: String, expected: String) {
        #expect(Self.expression(source) == expected)
    }

    @Test func expressionRangesCoverTheirSource() throws {
        let source = MarkedSource("let v = 1️⃣(a + f(b))2️⃣ * 2")
        guard case .let(_, let value) = try #require(Self.statements(source.text).first).kind,
            case .binary(_, let left, _) = value.kind
        else { return }
        #expect(left.range.start == source["1"])
        #expect(left.range.end == source["2"])
    }

    @Test func comparisonsDoNotChain() {
        #expect(Self.messages("a < b < c") == ["comparisons cannot be chained: '<' follows another comparison"])
    }

    @Test func deepNestingIsCappedNotCrashing() {
        for opener in ["(", "[", "- ", "not ", "{a: ", "f("] {
            let text = "let x = " + String(repeating: opener, count: 5000)
            #expect(Self.messages(text).contains("expression is nested too deeply"), "\(opener)")
        }
        let depth = LanguageLimits.nestingDepth - 1
        #expect(
            Self.messages(
                "let x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth))
                == [])
    }

    // MARK: Statements

    @Test func modelPromptLetAsk() throws {
        let statements = Self.statements(
            """
            model m = "openai/gpt-4o-mini" { temperature: 0 }
            model bare = "x/y"
            prompt p = "Hi {{name}}"
            prompt q {
              system "Be brief."
              user "Q: {{q}}", assistant "A:"
            }
            let n = 3
            ask [m, bare] q(q: "why")
            ask m "The capital of France is"
            """)
        #expect(statements.count == 7)
        guard case .model(let name, let id, let parameters) = statements[0].kind else { Issue.record("model"); return }
        #expect(name.name == "m")
        #expect(SyntaxPrinter.print(id) == "\"openai/gpt-4o-mini\"")
        #expect(parameters.map(SyntaxPrinter.print) == "{temperature: 0}")
        guard case .model(_, _, nil) = statements[1].kind else { Issue.record("bare model"); return }
        guard case .prompt(_, let single) = statements[2].kind else { Issue.record("prompt ="); return }
        #expect(single.map(\.role) == [.user])
        guard case .prompt(_, let messages) = statements[3].kind else { Issue.record("prompt {}"); return }
        #expect(messages.map(\.role) == [.system, .user, .assistant])
        guard case .ask(let models, let prompt) = statements[5].kind else { Issue.record("ask"); return }
        #expect(SyntaxPrinter.print(models) == "[m bare]")
        #expect(SyntaxPrinter.print(prompt) == "(q q: \"why\")")
        guard case .ask(let model, let text) = statements[6].kind else { Issue.record("ask string"); return }
        #expect(SyntaxPrinter.print(model) == "m")
        #expect(SyntaxPrinter.print(text) == "\"The capital of France is\"")
    }

    @Test func sweepFieldsBySeparatorsOfEitherKind() throws {
        let statements = Self.statements("sweep s { models: [a], prompt: p\n  vars: { x: [1, 2] },\n\n  repeat: 2 }")
        guard case .sweep(let name, let fields) = try #require(statements.first).kind else {
            Issue.record("sweep"); return
        }
        #expect(name.name == "s")
        #expect(fields.map(\.key) == [.models, .prompt, .vars, .repeat])
        #expect(fields.map { SyntaxPrinter.print($0.value) } == ["[a]", "p", "{x: [1 2]}", "2"])
    }

    @Test func scoreIsASweepKeyWithAnExpression() throws {
        let statements = Self.statements("sweep s { models: [a], prompt: p, score: answers[country] }")
        guard case .sweep(_, let fields) = try #require(statements.first).kind else {
            Issue.record("sweep"); return
        }
        #expect(fields.map(\.key) == [.models, .prompt, .score])
        #expect(SyntaxPrinter.print(fields[2].value) == "(index answers country)")
        let misspelt = Self.parse("sweep s { models: [a], prompt: p, scroe: \"x\" }")
        #expect(misspelt.diagnostics.first?.suggestion == "score")
    }

    @Test func scoreStatementReadsModelsPromptAndText() throws {
        let statements = Self.statements(
            "score mini \"The capital is\" \"Paris\"\nscore [a, b] capital(country: c) answers[c]")
        guard case .score(let models, let prompt, let text) = try #require(statements.first).kind else {
            Issue.record("score"); return
        }
        #expect(
            [models, prompt, text].map(SyntaxPrinter.print) == ["mini", "\"The capital is\"", "\"Paris\""])
        guard case .score(let many, _, let indexed) = try #require(statements.last).kind else {
            Issue.record("score"); return
        }
        #expect(SyntaxPrinter.print(many) == "[a b]")
        #expect(SyntaxPrinter.print(indexed) == "(index answers c)")
    }

    @Test func scoreIsStillANameWhereNoModelsFollow() throws {
        let statements = Self.statements("score\nscore + 1\nscore[0]\nscore.x")
        #expect(statements.count == 4)
        for statement in statements {
            guard case .expression = statement.kind else {
                Issue.record("\(statement.kind) is not an expression"); return
            }
        }
    }

    @Test func unknownSweepKeySuggestsAndListsKeys() throws {
        let source = MarkedSource("sweep s {\n  1️⃣mdoels: [a]\n  prompt: p\n  prompt: q\n}")
        let result = Self.parse(source.text)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "unknown sweep key 'mdoels'")
        #expect(diagnostic.range.start == source["1"])
        #expect(diagnostic.suggestion == "models")
        #expect(
            diagnostic.notes == ["known keys: models, model, prompt, vars, params, turns, score, repeat, concurrency"])
        #expect(result.diagnostics.map(\.message).dropFirst() == ["duplicate sweep key 'prompt'"])
    }

    @Test func unknownRoleSuggests() throws {
        let result = Self.parse("prompt p {\n  usr \"hi\"\n}")
        #expect(result.diagnostics.map(\.message) == ["prompt 'p' has no messages", "unknown role 'usr' in prompt"])
        #expect(result.diagnostics.last?.suggestion == "user")
    }

    @Test(arguments: [
        ("assert r: ok", Assertion.Quantifier.all), ("assert all of r: ok", .all), ("assert any of r: ok", .any),
        ("assert 90% of r: ok", .fraction(0.9)), ("assert at least 3 of r: ok", .atLeast(3)),
    ])
    func assertQuantifiers(source: String, quantifier: Assertion.Quantifier) throws {
        guard case .assert(let assertion) = try #require(Self.statements(source).first).kind else { return }
        #expect(assertion.quantifier == quantifier)
        #expect(SyntaxPrinter.print(assertion.run) == "r")
    }

    @Test func assertFilterAndMessage() throws {
        let statement = try #require(
            Self.statements("assert any of r where model == llama: rank(\"x\") == 1 \"why\"").first)
        guard case .assert(let assertion) = statement.kind else { Issue.record("assert"); return }
        #expect(assertion.filter.map(SyntaxPrinter.print) == "(== model llama)")
        #expect(SyntaxPrinter.print(assertion.condition) == "(== (rank \"x\") 1)")
        #expect(assertion.message.map(SyntaxPrinter.print) == "\"why\"")
    }

    @Test func quantifierWordsAreStillNames() throws {
        guard case .assert(let assertion) = try #require(Self.statements("assert all: at > least").first).kind else {
            Issue.record("assert"); return
        }
        #expect(assertion.quantifier == .all)
        #expect(SyntaxPrinter.print(assertion.run) == "all")
        #expect(SyntaxPrinter.print(assertion.condition) == "(> at least)")
    }

    @Test(arguments: [
        ("assert r ok", "expected ':' after the run in 'assert'"),
        ("assert all r: ok", "expected 'of' after 'all'"),
        ("assert 90% r: ok", "expected 'of' after '90%'"),
        ("assert 3 of r: ok", "a number before 'of' needs '%' or 'at least'"),
        ("assert at least 2.5 of r: ok", "expected a whole number after 'at least'"),
        ("assert 150% of r: ok", "a percentage quantifier must be between 0% and 100%"),
    ])
    func assertErrors(source: String, message: String) {
        #expect(Self.messages(source) == [message])
    }

    /// A `show` as `subject | filter | by key … | column …`.
    static func showShape(_ statement: Statement) -> String {
        guard case .show(let subject, let filter, let groups, let columns) = statement.kind else { return "?" }
        return
            ([SyntaxPrinter.print(subject), filter.map(SyntaxPrinter.print) ?? "-"]
            + groups.map { "by " + SyntaxPrinter.print($0) } + columns.map(SyntaxPrinter.print))
            .joined(separator: " | ")
    }

    @Test func showForms() throws {
        let statements = Self.statements("show r\nshow r where x > 1\nshow _: a, b.c, f(1)\nshow r where ok: a")
        let shapes = statements.map(Self.showShape)
        #expect(shapes == ["r | -", "r | (> x 1)", "_ | - | a | (. b c) | (f 1)", "r | ok | a"])
    }

    @Test func showGroupsByExpressions() throws {
        let statements = Self.statements(
            "show r by model, params.temperature: mean(prob(\"Yes\")), count()\nshow r where ok by m\nshow by by by")
        let shapes = statements.map(Self.showShape)
        #expect(
            shapes == [
                "r | - | by model | by (. params temperature) | (mean (prob \"Yes\")) | (count)", "r | ok | by m",
                "by | - | by by",
            ])
        #expect(Self.messages("show r by : count()") != [])
    }

    @Test func statementKeywordsAreContextual() {
        let statements = Self.statements(
            "model == llama\nprompt\nlet model = prompt\nshow r where model == llama: model, prompt")
        #expect(statements.count == 4)
        guard case .expression(let expression) = statements[0].kind else { Issue.record("expression"); return }
        #expect(SyntaxPrinter.print(expression) == "(== model llama)")
        guard case .let(let name, _) = statements[2].kind else { Issue.record("let"); return }
        #expect(name.name == "model")
        #expect(Self.messages("let if = 1") == ["'if' is a reserved word and cannot be used as a name"])
    }

    @Test func metaCommands() throws {
        let statements = Self.statements(":help sweep\n  :quit\n:set top 5")
        let commands: [String] = statements.map {
            guard case .command(let name, let argument) = $0.kind else { return "?" }
            return name.name + "(" + argument + ")"
        }
        #expect(commands == ["help(sweep)", "quit()", "set(top 5)"])
    }

    // MARK: Cells and recovery

    @Test func cellsFromMarkers() {
        let result = Self.parse("# intro only\n\n# %% One\n\nlet a = 1\n\n\n# %%\nlet b = 2\nlet c = 3\n")
        #expect(result.script.cells.map(\.title) == ["One", nil])
        #expect(result.script.cells.map(\.source) == ["let a = 1", "let b = 2\nlet c = 3"])
        #expect(result.script.cells[0].range.start.line == 5)
    }

    @Test func preambleWithStatementsIsACell() {
        let cells = Self.parse("let a = 1\n# %% T\nlet b = 2").script.cells
        #expect(cells.map(\.title) == [nil, "T"])
        #expect(cells.map(\.source) == ["let a = 1", "let b = 2"])
    }

    @Test func entryIsOneCell() {
        let result = Parser.parseEntry(SourceFile(name: "[1]", text: "let a = 1\n# %% not a marker\nshow a\n"))
        #expect(result.diagnostics == [])
        #expect(result.script.cells.count == 1)
        #expect(result.script.cells[0].statements.count == 2)
        #expect(result.script.cells[0].source == "let a = 1\n# %% not a marker\nshow a")
    }

    @Test func threeErrorsAreReportedWhereTheyAre() {
        let source = MarkedSource(
            """
            let a = 1️⃣)
            let ok = 1
            sweep s {
              models: [m]
              2️⃣bogus: 1
            }
            assert r 3️⃣ok
            show ok
            """)
        let result = Self.parse(source.text)
        #expect(
            result.diagnostics.map(\.message) == [
                "expected an expression", "unknown sweep key 'bogus'", "expected ':' after the run in 'assert'",
            ])
        #expect(result.diagnostics.map(\.range.start) == [source["1"], source["2"], source["3"]])
        #expect(result.script.cells.count == 3)
    }

    @Test func anUnclosedBracketDoesNotSwallowTheNextCell() {
        let result = Self.parse("# %% A\nlet a = [1, 2\n# %% B\nlet b = 2")
        #expect(result.diagnostics.count == 1)
        #expect(result.script.cells.map { $0.statements.count } == [0, 1])
    }
}
