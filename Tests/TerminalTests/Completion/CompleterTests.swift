import AthanorLanguage
import Testing

@testable import Terminal

@Suite struct CompleterTests {
    /// A session with a few names, fields and a fake file system, so no test touches the disk.
    static let context = CompletionContext(
        bindings: [
            .init(name: "llama", kind: .model), .init(name: "gpt", kind: .model),
            .init(name: "capital", kind: .prompt), .init(name: "limit", kind: .value),
            .init(name: "results", kind: .run),
        ],
        fields: { base in
            switch base {
            case "results", "_.results[0]": ["output", "tokens", "model", "model_id"]
            case "results.results[0]": ["output", "model", "country", "capital"]
            default: []
            }
        },
        functions: ["prob", "prob_exact", "csv", "jsonl", "lower", "len"],
        modelIDs: ["openai/gpt-4o", "openai/gpt-4o-mini", "meta-llama/llama-3.1-8b-instruct"],
        runIDs: ["15", "12", "3"],
        directory: "/work",
        homeDirectory: "/home/ada",
        listDirectory: { path in
            switch path {
            case "/work/":
                [
                    .init(name: "data", isDirectory: true), .init(name: "notes.ath", isDirectory: false),
                    .init(name: ".hidden", isDirectory: false),
                ]
            case "/work/data/":
                [
                    .init(name: "cases.csv", isDirectory: false),
                    .init(name: "capitals.jsonl", isDirectory: false),
                ]
            case "/home/ada/": [.init(name: "exp.ath", isDirectory: false)]
            case "/tmp/": [.init(name: "x.csv", isDirectory: false)]
            default: []
            }
        })
    let completer = Completer(context: context)

    func complete(_ line: String, after earlier: [String] = []) -> TabCompletion {
        completer.complete(TabCompletionRequest(line: line, earlierLines: earlier))
    }

    @Test func keywordAtStatementStart() {
        #expect(complete("swe") == TabCompletion(word: "swe", candidates: ["sweep"]))
        #expect(complete("as").candidates == ["ask", "assert"])
    }

    @Test func keywordsNamesAndFunctionsInExpressions() {
        #expect(complete("let y = l").candidates == ["least", "len", "let", "limit", "llama", "lower"])
        #expect(complete("assert results where model == ll").candidates == ["llama"])
        #expect(complete("show results where n").candidates == ["not", "null"])
        #expect(complete("assert at le").candidates == ["least"])
    }

    @Test func aUniqueFunctionIsFollowedByAParenthesis() {
        let completion = complete("let p = lowe")
        #expect(completion.candidates == ["lower"])
        #expect(completion.terminator == "(")
        #expect(complete("let q = tru").terminator == " ")
    }

    @Test func emptyWordOffersEverything() {
        let all = complete("let y = ").candidates
        #expect(all.contains("prob") && all.contains("results") && all.contains("if"))
        #expect(all == all.sorted())
    }

    @Test func onlyModelsAfterAsk() {
        #expect(complete("ask ").candidates == ["gpt", "llama"])
        #expect(complete("ask l").candidates == ["llama"])
    }

    @Test func fieldsAfterADot() {
        #expect(complete("show results.mo") == TabCompletion(word: "mo", candidates: ["model", "model_id"]))
        #expect(complete("show _.results[0].out").candidates == ["output"])
        #expect(complete("show limit.").candidates.isEmpty)
        #expect(complete("let x = 0.").candidates.isEmpty, "a decimal point is not a field access")
    }

    @Test func sweepKeysAtKeyPositions() {
        #expect(complete("  mo", after: ["sweep s {"]).candidates == ["model", "models"])
        #expect(complete("  mo", after: ["sweep s {"]).terminator == ": ")
        #expect(complete("sweep s { models: [llama], pr").candidates == ["prompt"])
        #expect(complete("  re", after: ["sweep s {", "  models: [llama]"]).candidates == ["repeat"])
        #expect(complete("  conc", after: ["sweep s {", "  vars: { x: [1, 2] }"]).candidates == ["concurrency"])
    }

    @Test func sweepValuesAreExpressionsNotKeys() {
        #expect(complete("sweep s { models: ll").candidates == ["llama"])
        #expect(
            complete("    pr", after: ["sweep s {", "  vars: {"]).candidates == ["prob", "prob_exact", "prompt"],
            "inside a nested record the keys are the user's")
        #expect(
            complete("  pr", after: ["sweep s {", "  models: [llama,"]).candidates == ["prob", "prob_exact", "prompt"])
        #expect(complete("  rep", after: ["let r = {"]).candidates.isEmpty, "a plain record is not a sweep")
    }

    @Test func metaCommandsAtLineStart() {
        #expect(complete(":h") == TabCompletion(word: "h", candidates: ["help", "history"]))
        #expect(complete("  :qu").candidates == ["quit"])
        #expect(complete(":").candidates == Completer.metaCommands.sorted())
        #expect(complete(":q", after: ["let x = ["]).candidates.isEmpty, "a colon inside an entry is not a command")
    }

    @Test func metaCommandArguments() {
        #expect(complete(":set co").candidates == ["color", "concurrency"])
        #expect(complete(":models openai/").candidates == ["openai/gpt-4o", "openai/gpt-4o-mini"])
        #expect(complete(":help sw").candidates == ["sweep"])
        #expect(complete(":runs 1").candidates.isEmpty)
    }

    @Test func settingsTheirValuesAndHelpTopics() {
        #expect(complete(":set pa").candidates == ["pager"])
        #expect(complete(":set pager o").candidates == ["off", "on"])
        #expect(complete(":set max_cost ").candidates == ["off"])
        #expect(complete(":set top 1").candidates.isEmpty)
        #expect(complete(":help fi").candidates == ["fields"])
        #expect(complete(":help se").candidates == ["sessions", "set", "settings"])
        #expect(complete(":help comp").candidates == ["compare"])
    }

    @Test func runIDsAfterCommandsThatTakeARun() {
        #expect(complete(":show 1").candidates == ["12", "15"])
        #expect(complete(":logs ").candidates == ["12", "15", "3"])
        #expect(complete(":compare 12 1").candidates == ["12", "15"])
        #expect(complete(":show 12 1").candidates.isEmpty)
        #expect(complete(":sessions 1").candidates.isEmpty, "a session count is not a run")
    }

    @Test func aResultsNamesAfterWhereAndColon() {
        #expect(complete("show results where cou").candidates == ["country"])
        #expect(complete("show results: capital, cou").candidates == ["country"])
        #expect(complete("assert 90% of results: cap").candidates == ["capital"], "a bound prompt and a column, once")
        #expect(complete("assert all of results where co").candidates == ["country"])
        #expect(complete("show res").candidates == ["results"], "the run itself, not its names")
        #expect(complete("let co").candidates.isEmpty, "a result's names only where a result is in scope")
    }

    @Test func theVocabularyIsOffered() {
        let everything = complete("").candidates
        for keyword in Keyword.allCases { #expect(everything.contains(keyword.rawValue)) }
        let keys = complete("  ", after: ["sweep s {"]).candidates
        #expect(keys == SweepKey.allCases.map(\.rawValue).sorted())
        #expect(complete(":").candidates == MetaCommand.allCases.map(\.rawValue).sorted())
    }

    @Test func pathsAfterLoadAndSave() {
        #expect(
            complete(":load no") == TabCompletion(word: "no", candidates: ["notes.ath"], listsLastPathComponent: true))
        #expect(complete(":save d").candidates == ["data/"])
        #expect(complete(":load ").candidates == ["data/", "notes.ath"], "dot files only when asked for")
        #expect(complete(":load .").candidates == [".hidden"])
        #expect(complete(":load ~/e").candidates == ["~/exp.ath"])
        #expect(complete(":load /tmp/").candidates == ["/tmp/x.csv"])
    }

    @Test func pathsInsideDataFunctionsCloseTheString() {
        let completion = complete("let rows = csv(\"data/cas")
        #expect(
            completion
                == TabCompletion(
                    word: "data/cas", candidates: ["data/cases.csv"], terminator: "\"",
                    listsLastPathComponent: true))
        #expect(complete("let rows = jsonl( \"data/ca").candidates == ["data/capitals.jsonl", "data/cases.csv"])
        #expect(complete("  vars: csv(\"d", after: ["sweep s {"]).candidates == ["data/"])
    }

    @Test func modelIDsInModelStatements() {
        let completion = complete("model fast = \"openai/gpt-4o-")
        #expect(completion.candidates == ["openai/gpt-4o-mini"])
        #expect(completion.word == "openai/gpt-4o-")
        #expect(completion.terminator == "\"")
        #expect(complete("model m = \"").candidates.count == 3)
    }

    @Test func nothingInOtherStringsOrComments() {
        #expect(complete("prompt p = \"What is the capi").candidates.isEmpty)
        #expect(complete("let x = 1  # pro").candidates.isEmpty)
        #expect(complete("  pro", after: ["prompt p = \"\"\"", "Say"]).candidates.isEmpty)
        #expect(complete("let s = \"a \\\" csv(\"da").candidates.isEmpty, "an escaped quote does not end the string")
    }

    @Test func codeAfterClosedStringsAndComments() {
        #expect(complete("let s = \"#\" + le").candidates == ["least", "len", "let"])
        #expect(
            complete("le", after: ["# a comment with \"", "let t = \"\"\"x\"\"\""]).candidates == [
                "least", "len", "let",
            ])
    }

    @Test func commonPrefixAndDisplayNames() {
        let paths = TabCompletion(
            word: "data/c", candidates: ["data/capitals.jsonl", "data/cases.csv", "data/cx/"],
            listsLastPathComponent: true)
        #expect(paths.commonPrefix == "data/c")
        #expect(paths.displayNames == ["capitals.jsonl", "cases.csv", "cx/"])
        let models = TabCompletion(word: "o", candidates: ["openai/gpt-4o", "openai/gpt-4o-mini"])
        #expect(models.commonPrefix == "openai/gpt-4o")
        #expect(models.displayNames == ["openai/gpt-4o", "openai/gpt-4o-mini"])
    }
}
