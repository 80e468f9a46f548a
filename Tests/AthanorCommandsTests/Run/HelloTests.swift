import AthanorTestSupport
import Foundation
import Testing

/// The walking skeleton: `athanor run hello.ath` asks for top-20 logprobs and records the run.
@Suite struct HelloTests {
    @Test func askPrintsTheAnswerItsTokensAndTheRunAndStoresEverything() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "hello.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains(" Paris."))
        #expect(out.contains("␣Paris"), "white space made visible")
        #expect(out.contains("top 5"))
        #expect(out.contains("91%"))
        #expect(out.contains("run 1 completed"))
        #expect(!out.contains("\u{1B}["), "NO_COLOR and a pipe mean plain text")

        let run = try bench.query(
            "select status, metadata->'totals'->>'requests', metadata->'totals'->>'completion_tokens' from experiment_runs"
        )
        #expect(run.count == 1)
        #expect(run[0] == ["completed", "1", "2"])
        let tokens = try bench.query(
            """
            select jsonb_array_length(value->'response'->'logprobs'->'content'),
                   jsonb_array_length(value->'response'->'logprobs'->'content'->0->'top_logprobs'),
                   value->'response'->'logprobs'->'content'->0->>'token',
                   value->'request'->'params'->>'top_logprobs'
            from run_results where value->>'label' = 'model=mini'
            """)
        #expect(tokens == [["2", "20", " Paris", "20"]])
        let logs = try bench.scalar("select count(*) from run_logs")
        #expect(Int(logs ?? "0")! >= 2)
        // Without cell markers, each statement is a cell: the model, then the ask with its run.
        let cells = try bench.query(
            """
            select s.kind, s.status, c.position, c.status, cardinality(c.run_ids), c.source
            from sessions s join cells c on c.session_id = s.id order by c.position
            """)
        #expect(cells.count == 2)
        #expect(cells.last == ["script", "completed", "2", "succeeded", "1", "ask mini \"The capital of France is\""])
    }

    @Test func theAPIKeyNeverReachesTheDatabaseOrTheOutput() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "capitals.ath")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.contains(Workbench.apiKey))
        #expect(!result.standardError.contains(Workbench.apiKey))
        for table in ["sessions", "cells", "experiment_instances", "experiment_runs", "run_results", "run_logs"] {
            let hits = try bench.scalar("select count(*) from \(table) t where t::text like '%\(Workbench.apiKey)%'")
            #expect(hits == "0", "the key is in \(table)")
        }
    }

    @Test func jsonFormatIsOneDocumentWithEveryToken() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--format", "json", "hello.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["exit_status"] as? Int == 0)
        let events = try #require(document["events"] as? [[String: Any]])
        let run = try #require(events.first { $0["type"] as? String == "run" }?["run"] as? [String: Any])
        let results = try #require(run["results"] as? [[String: Any]])
        let response = try #require(results.first?["response"] as? [String: Any])
        let content = try #require((response["logprobs"] as? [String: Any])?["content"] as? [[String: Any]])
        #expect(content.count == 2)
        #expect((content[0]["top_logprobs"] as? [Any])?.count == 20)
    }

    @Test func aScriptCanComeFromStandardInput() async throws {
        let bench = try await Workbench.start()
        let script = "model mini = \"openai/gpt-4o-mini\" { max_tokens: 5 }\nask mini \"The capital of France is\"\n"
        let result = try await bench.athanor("run", "-", input: script)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Paris"))
    }
}
