import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// `--format json` on every command that has it, run as a user would, each document checked
/// against its schema in docs/json.md.
@Suite struct JSONFormatTests {
    /// Runs `athanor ARGUMENTS`, expects `status`, and checks standard output against the schema of
    /// docs/json.md's section `section`; gives the document.
    @discardableResult
    func document(
        _ bench: Workbench, _ section: String, _ arguments: [String], status: Int32 = 0,
        environment: [String: String] = [:]
    ) async throws -> JSONValue {
        let schema = try #require(try JSONDocumentation.load().schema(section), "docs/json.md: no \(section)")
        let result = try await AthanorProcess.run(
            arguments, environment: bench.environment.merging(environment) { _, new in new },
            directory: BuiltProduct.packageRoot.appendingPathComponent("Examples"))
        #expect(result.status == status, "athanor \(arguments): \(result.standardError)")
        #expect(result.standardOutput.hasSuffix("}\n"), "athanor \(arguments): one document on one line")
        #expect(result.standardOutput.filter { $0 == "\n" }.count == 1, "athanor \(arguments)")
        let document = try JSONValue.parse(result.standardOutput)
        let problems = schema.problems(in: document)
        #expect(
            problems.isEmpty,
            "athanor \(arguments) breaks docs/json.md's '\(section)':\n\(problems.joined(separator: "\n"))")
        return document
    }

    @Test func anAssertionsErrorsAreInItsEventWithTheirRows() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "raising.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            sweep s { models: [mini], prompt: "Capital of {{country}}?", vars: { country: ["France", "Peru"] } }
            assert s: json(output) == "Lima"
            """)
        let run = try await document(bench, "run", ["run", "--format", "json", path], status: 1)
        let event = run["events"]?.arrayValue?.first { $0["type"] == "assertion" }
        let errors = try #require(event?["assertion"]?["first_errors"]?.arrayValue)
        #expect(
            errors.compactMap { $0["point"]?.stringValue } == ["model=mini;country=France", "model=mini;country=Peru"])
        #expect(errors.first?["error"]?.stringValue?.hasPrefix("json() could not read") == true)
        #expect(event?["assertion"]?["errors"] == 2)
    }

    @Test func groupedTablesAndAggregateAssertionsAreTheDocumentsDocsJSONSpecifies() async throws {
        let bench = try await Workbench.start()
        let run = try await document(bench, "run", ["run", "--format", "json", "reliability.ath"])
        let events = run["events"]?.arrayValue ?? []
        let grouped = events.first { $0["title"]?.stringValue?.hasSuffix("by params.temperature") == true }
        #expect(grouped?["columns"]?[0] == "params.temperature")
        #expect(grouped?["rows"]?.arrayValue?.count == 2)
        let assertion = try #require(events.first { $0["type"] == "assertion" }?["assertion"])
        #expect(assertion["quantifier"] == "once")
        #expect(assertion["considered"] == 24)
        #expect(assertion["aggregates"]?["brier(prob(\"Yes\"), truth == \"true\")"]?.doubleValue != nil)
        let asserts = try await document(bench, "show --asserts", ["show", "1", "--asserts", "--format", "json"])
        #expect(asserts["assertions"]?[0]?["aggregates"] == assertion["aggregates"])
        let text = try await bench.athanor("show", "1", "--asserts")
        #expect(text.standardOutput.contains("over 24 results: brier(prob(\"Yes\"), truth == \"true\") = 0.0176"))
    }

    @Test func everyCommandsDocumentIsTheOneDocsJSONSpecifies() async throws {
        let bench = try await Workbench.start()
        let run = try await document(bench, "run", ["run", "--format", "json", "capitals.ath"])
        let types = Set(run["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? [])
        #expect(types.isSuperset(of: ["run", "assertion", "table"]), "\(types)")
        #expect(run["session_id"] == 1)
        try await document(bench, "run", ["run", "--format", "json", "--dry-run", "capitals.ath"])
        let full = try await document(bench, "run", ["run", "--format", "json", "--dry-run", "--full", "capitals.ath"])
        let planned = full["events"]?.arrayValue?.compactMap { $0["plan"]?["planned_requests"]?.arrayValue }
        #expect(planned?.map(\.count).reduce(0, +) == 8, "every request of the two plans, whole")

        let show = try await document(bench, "show", ["show", "2", "--format", "json"])
        #expect(show["results"]?.arrayValue?.count == 6)
        #expect(show["totals"]?["points"] == 6)
        let asserts = try await document(bench, "show --asserts", ["show", "2", "--asserts", "--format", "json"])
        let outcomes = try #require(asserts["assertions"]?.arrayValue)
        #expect(outcomes.count == 3, "capitals.ath checks three assertions against its sweep")
        #expect(outcomes.first?["assertion"]?.stringValue == "assert capitals: contains(output, answers[country])")
        let runs = try await document(bench, "runs", ["runs", "--format", "json"])
        #expect(runs["runs"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [2, 1], "newest first")
        let filtered = try await document(bench, "runs", ["runs", "--status", "failed", "--format", "json"])
        #expect(filtered["runs"] == [])
        let sessions = try await document(bench, "sessions", ["sessions", "--format", "json"])
        #expect(sessions["sessions"]?[0]?["source_path"] == "capitals.ath")
        let logs = try await document(bench, "logs", ["logs", "2", "--format", "json"])
        #expect(logs["logs"]?.arrayValue?.first?["message"]?.stringValue?.hasPrefix("run started") == true)
        let errors = try await document(bench, "logs", ["logs", "2", "--level", "error", "--format", "json"])
        #expect(errors["logs"] == [])
        let database = try await document(bench, "db status", ["db", "status", "--format", "json"])
        #expect(database["location"] == "url")
        #expect(database["server"]?["schema_up_to_date"] == true)
    }

    /// `export --format jsonl`: every line an object as docs/json.md's `export` sections say.
    @Test func everyExportedLineIsTheObjectDocsJSONSpecifies() async throws {
        let bench = try await Workbench.start()
        #expect(try await bench.athanor("run", "capitals.ath").status == 0)
        let documentation = try JSONDocumentation.load()
        for (per, count) in [("point", 6), ("turn", 6), ("token", 6)] {
            let schema = try #require(documentation.schema("export --per \(per)"))
            let export = try await bench.athanor("export", "2", "--format", "jsonl", "--per", per)
            #expect(export.status == 0, "\(export.standardError)")
            let lines = export.standardOutput.split(separator: "\n")
            #expect(lines.count >= count, "export --per \(per)")
            for line in lines {
                let object = try JSONValue.parse(String(line))
                let problems = schema.problems(in: object)
                #expect(problems.isEmpty, "export --per \(per): \(problems.joined(separator: "\n"))")
                #expect(object["country"]?.stringValue != nil, "the sweep's variable has a member of its own")
            }
        }
        let wrong = try #require(documentation.schema("export --per token"))
        #expect(!wrong.problems(in: ["run_id": 2, "key": "k"]).isEmpty, "a row without its columns is refused")
    }

    @Test func valuesAndTextAreEventsOfTheirOwn() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script("values.ath", "let x = { a: 1, b: \"two\" }\nx\n:runs\n")
        let run = try await document(bench, "run", ["run", "--format", "json", script])
        let events = try #require(run["events"]?.arrayValue)
        #expect(events.first == ["type": "value", "value": ["a": 1, "b": "two"]])
        #expect(events.contains { $0["type"] == "table" }, ":runs lists as a table")
    }

    /// athanor's own cluster: where it is and its state, never started to be described.
    @Test func thePrivateClustersStatusIsADocumentToo() async throws {
        let bench = try await Workbench.start()
        let xdg = bench.home.appendingPathComponent("data").path
        let database = try await document(
            bench, "db status", ["db", "status", "--format", "json"],
            environment: ["DATABASE_URL": "", "XDG_DATA_HOME": xdg])
        #expect(database["location"] == "private_cluster")
        let state = try #require(database["cluster"]?["state"])
        #expect(state != "running" ? database["server"] == .null : database["server"] != .null)
    }

    @Test func aDatabaseThatDoesNotAnswerIsStillADocumentWithExitThree() async throws {
        let bench = try await Workbench.start()
        let database = try await document(
            bench, "db status", ["db", "status", "--format", "json"], status: 3,
            environment: ["DATABASE_URL": "postgresql://someone:hunter2@127.0.0.1:1/x"])
        #expect(database["server"] == .null)
        #expect(database["error"]?.stringValue?.hasPrefix("nothing answers there") == true)
        #expect(database["database"]?.stringValue?.contains("hunter2") == false)
    }

    /// The message, file, line and column of the diagnostic, with the exit status the text gives.
    @Test func aScriptErrorIsAJSONDiagnosticWithTheSameExitStatus() async throws {
        let bench = try await Workbench.start()
        let runtime = try bench.script("typo.ath", "let country = \"Peru\"\nprint(contry)\n")
        let stopped = try await document(bench, "run", ["run", "--format", "json", runtime], status: 2)
        #expect(stopped["exit_status"] == 2)
        #expect(stopped["error"] == "stopped at cell 2: the script is wrong")
        let diagnostic = try #require(stopped["diagnostics"]?[0])
        #expect(diagnostic["message"] == "unknown variable 'contry'")
        #expect(diagnostic["suggestion"] == "country")
        #expect(diagnostic["file"] == .string(runtime))
        #expect(diagnostic["line"] == 2 && diagnostic["column"] == 7)

        let unparsable = try bench.script("parse.ath", "let x = (\n")
        let parsed = try await document(bench, "run", ["run", "--format", "json", unparsable], status: 2)
        #expect(parsed["diagnostics"]?.arrayValue?.isEmpty == false)
        #expect(parsed["diagnostics"]?[0]?["line"]?.intValue != nil)

        let missing = try await document(bench, "run", ["run", "--format", "json", "nowhere.ath"], status: 2)
        #expect(missing["error"] == "cannot read 'nowhere.ath'")
        #expect(try bench.scalar("select count(*) from sessions") == "0", "nothing was stored")
    }

    /// One token shape: a result reads the same in `run`'s document and in `show`'s.
    @Test func runAndShowGiveAResultAndItsTokensInOneShape() async throws {
        let bench = try await Workbench.start()
        let run = try await document(bench, "run", ["run", "--format", "json", "hello.ath"])
        let answered = try #require(run["events"]?.arrayValue?.first { $0["type"] == "run" }?["run"])
        let id = try #require(answered["id"]?.intValue)
        let shown = try await document(bench, "show", ["show", "\(id)", "--format", "json"])
        let fromRun = try #require(answered["results"]?[0])
        #expect(shown["results"]?[0] == fromRun)
        let token = try #require(fromRun["response"]?["logprobs"]?["content"]?[0])
        #expect(token["bytes"]?.arrayValue?.isEmpty == false)
        #expect(token["top_logprobs"]?[0]?["bytes"] != nil)
    }

    /// A scored point's result: its steps as `turns`, and `score` with the total and one token a step.
    @Test func aScoredRunIsTheDocumentDocsJSONSpecifies() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "score.ath",
            """
            model mini = "openai/gpt-4o-mini"
            sweep sc { models: [mini], prompt: "Tell me about memory and identity.", score: "Memory gives" }
            """)
        let dry = try await document(bench, "run", ["run", "--format", "json", "--dry-run", path])
        let plan = try #require(dry["events"]?.arrayValue?.first { $0["type"] == "plan" }?["plan"])
        #expect(plan["kind"] == "score")
        #expect(plan["requests"] == 12, "at most one request per byte of the continuation")
        let run = try await document(bench, "run", ["run", "--format", "json", path])
        let answered = try #require(run["events"]?.arrayValue?.first { $0["type"] == "run" }?["run"])
        let result = try #require(answered["results"]?[0])
        #expect(result["output"] == "Memory gives")
        #expect(result["turns"]?.arrayValue?.count == 2)
        #expect(result["request"] == nil)
        let score = try #require(result["score"])
        #expect(score["complete"] == true && score["steps"] == 2)
        let tokens = try #require(score["tokens"]?.arrayValue)
        #expect(tokens.compactMap { $0["token"]?.stringValue } == ["Memory", " gives"])
        let sum = tokens.compactMap { $0["logprob"]?.doubleValue }.reduce(0, +)
        #expect(abs((score["logprob"]?.doubleValue ?? 0) - sum) < 1e-12)
        let id = try #require(answered["id"]?.intValue)
        let shown = try await document(bench, "show", ["show", "\(id)", "--format", "json"])
        #expect(shown["results"]?[0] == result)
    }

    @Test func momentsCarryTheirOffset() async throws {
        let bench = try await Workbench.start()
        #expect(try await bench.athanor("run", "hello.ath").status == 0)
        let runs = try await document(bench, "runs", ["runs", "--format", "json"])
        let started = try #require(runs["runs"]?[0]?["started_at"]?.stringValue)
        #expect(started.hasSuffix("Z") && JSONSchema.isMoment(started), "\(started)")
    }

    @Test func logsRefusesFollowWithJSON() async throws {
        let bench = try await Workbench.start()
        let refused = try await bench.athanor("logs", "1", "--follow", "--format", "json")
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("cannot be used with --format json"))
    }
}

extension JSONValue {
    /// Item `index` of an array.
    fileprivate subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
