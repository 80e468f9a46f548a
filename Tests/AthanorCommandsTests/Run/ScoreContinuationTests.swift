import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// `score:` over a real run: the binary, the simulator over loopback (which continues an
/// assistant prefill), PostgreSQL. The scenario answers "memory and identity" with "Memory gives
/// identity its continuity: …", one word a token.
@Suite struct ScoreContinuationTests {
    static let sweep = """
        model mini = "openai/gpt-4o-mini" { temperature: 0.7, max_tokens: 50, stop: [" identity"] }
        let targets = { whole: "Memory gives identity", off: "Memory zzz" }
        sweep sc {
          models: [mini]
          prompt: "Tell me about memory and identity."
          vars:   { which: ["whole", "off"] }
          score:  targets[which]
        }

        """

    @Test func eachStepIsStoredAndTheTotalIsTheirSum() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "score.ath",
            Self.sweep + """
                assert sc where which == "whole": scored.complete and scored.steps == 3 and len(tokens) == 3 and len(turns) == 3
                assert sc where which == "whole": abs(scored.logprob - (tokens[0].logprob + tokens[1].logprob + tokens[2].logprob)) < 0.000000001
                assert sc where which == "whole": abs(seq_logprob(output) - scored.logprob) < 0.000000001 and output == "Memory gives identity"
                assert sc where which == "whole": rank(" gives", at: 1) == 1 and len(tokens[1].top) == 20
                assert sc where which == "off": not scored.complete and scored.stopped_at == 6 and scored.logprob == null and scored.steps == 2
                assert sc where which == "off": abs(scored.upper_bound - (tokens[0].logprob + min(turns[1].tokens[0].top[19].logprob, 0))) < 0.000000001 and output == "Memory"
                show sc: which, output, scored.complete, scored.steps
                """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(!result.standardOutput.contains("✗"), "\(result.standardOutput)")
        #expect(
            result.standardOutput.contains("sweep sc sends up to 31 requests, one per token, in 2 scoring chains"),
            "\(result.standardOutput)")
        // One request per step: 3 for the whole continuation, 2 for the one that leaves the top list.
        #expect(try await bench.simulator.stats().chatRequests == 5)
        #expect(try bench.scalar("select requests from run_totals") == "5")

        // Each step is stored with its request: the prefill grows by the text scored so far, and
        // every step asks for one token and 20 alternatives, without the model's stop.
        let steps = try bench.query(
            """
            select t.ordinality, t.turn->'request'->'messages'->-1->>'role',
                   t.turn->'request'->'messages'->-1->>'content', t.turn->'request'->'params'->>'max_tokens',
                   t.turn->'request'->'params'->>'top_logprobs', t.turn->'request'->'params'->'stop' is null
            from run_results r, jsonb_array_elements(r.value->'turns') with ordinality t(turn, ordinality)
            where r.kind = 'point' and r.value->'vars'->>'which' = 'whole' order by t.ordinality
            """)
        #expect(
            steps == [
                ["1", "user", "Tell me about memory and identity.", "1", "20", "t"],
                ["2", "assistant", "Memory", "1", "20", "t"],
                ["3", "assistant", "Memory gives", "1", "20", "t"],
            ], "\(steps)")
        let stored = try bench.query(
            """
            select value->'score'->>'complete', value->'score'->>'steps', value->>'output'
            from run_results where kind = 'point' order by point_index
            """)
        #expect(stored == [["true", "3", "Memory gives identity"], ["false", "2", "Memory"]], "\(stored)")
        // The stored plan keeps each point's continuation, for `resume`.
        let planned = try bench.query("select request::jsonb->>'score' from run_points order by point_index")
        #expect(planned == [["Memory gives identity"], ["Memory zzz"]], "\(planned)")
    }

    @Test func theExportCarriesEachPointsScore() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "export.ath", Self.sweep + "assert sc where which == \"whole\": scored.logprob < 0\n")
        #expect(try await bench.athanor("run", script).status == 0)
        let export = try await bench.athanor("export", "1", "--format", "jsonl")
        #expect(export.status == 0, "\(export.standardError)")
        let rows = export.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.map { $0["which"] as? String } == ["whole", "off"])
        let text = try bench.scalar("select value->'score'->>'logprob' from run_results where point_index = 0")
        let stored = try #require(text.flatMap(Double.init))
        #expect((rows[0]["score_logprob"] as? Double).map { abs($0 - stored) < 1e-12 } == true)
        #expect(rows[0]["score_complete"] as? Bool == true)
        #expect(rows[1]["score_logprob"] is NSNull)
        #expect(rows[1]["score_complete"] as? Bool == false)
    }

    @Test func aScoredRunReadsBackFromTheStoreTheSame() async throws {
        let bench = try await Workbench.start()
        let first = try bench.script("first.ath", Self.sweep)
        #expect(try await bench.athanor("run", first).status == 0)
        let id = try #require(try bench.scalar("select id from experiment_runs"))
        let again = try bench.script(
            "again.ath",
            """
            let old = run(\(id))
            assert old where which == "whole": scored.complete and len(tokens) == 3 and tokens[2].text == " identity"
            assert old where which == "off": scored.stopped_at == 6
            """)
        let result = try await bench.athanor("run", again)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
    }

    /// A chain cut short is sent again whole by `resume`, from the continuation the plan stored.
    @Test func resumeFinishesAScoredRunFromItsStoredPlan() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "150"])
        let path = try bench.script(
            "long.ath",
            """
            model mini = "openai/gpt-4o-mini"
            sweep sc {
              models: [mini]
              prompt: "Tell me about memory and identity, {{i}}."
              vars: { i: range(12) }
              score: "Memory gives identity"
              concurrency: 2
            }
            """)
        let process = try bench.launch("run", path)
        try await bench.waitForResults(atLeast: 2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? -1
        #expect(stored >= 2 && stored < 12)
        let sentBefore = try await bench.simulator.stats().chatRequests

        let resumed = try await bench.athanor("resume", "1")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        // Every missing point is one whole chain of three steps.
        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 3 * (12 - stored))
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
        let complete = "select count(*) from run_results where value->'score'->>'complete' = 'true'"
        #expect(try bench.scalar(complete) == "12")
        let steps = "select count(*) from run_results where jsonb_array_length(value->'turns') = 3"
        #expect(try bench.scalar(steps) == "12")
    }

    /// `score MODELS PROMPT TEXT`: one chain per model, bound to `_`, shown as an ask's answers.
    @Test func theScoreStatementScoresOnceForEachModel() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "statement.ath",
            """
            model mini = "openai/gpt-4o-mini"
            model other = "meta-llama/llama-3.1-8b-instruct"
            prompt capital {
              user      "The capital of France is"
              assistant "Well,"
            }
            score [mini, other] capital "Paris."
            assert _: scored.complete and len(tokens) == 2 and tokens[0].text == " Paris" and output == " Paris."
            assert _: abs(scored.logprob - seq_logprob("Paris.")) < 0.000000001
            assert _: turns[1].tokens[0].text == "."
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(!result.standardOutput.contains("✗"), "\(result.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 4)
        let prefills = try bench.query(
            """
            select t.turn->'request'->'messages'->-1->>'content'
            from run_results r, jsonb_array_elements(r.value->'turns') t(turn)
            where r.kind = 'point' and r.value->>'model' = 'mini'
            """)
        #expect(prefills == [["Well,"], ["Well, Paris"]], "the prompt's own prefill goes first")
        let dry = try await bench.athanor("run", "--dry-run", path)
        #expect(
            dry.standardOutput.contains("score would send up to 12 requests, one per token, in 2 scoring chains"),
            "\(dry.standardOutput)")
    }

    /// Each step is its own request, so an offline replay serves a chain step by step, sending nothing.
    @Test func anOfflineReplayScoresFromTheStoredSteps() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "replayed.ath", Self.sweep + "assert sc where which == \"whole\": scored.complete\n")
        #expect(try await bench.athanor("run", path).status == 0)
        let sent = try await bench.simulator.stats().chatRequests
        let replay = try await bench.athanor("replay", "1", "--offline", "--diff")
        #expect(replay.status == 0, "\(replay.standardOutput)\n\(replay.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == sent)
        let replayed = try bench.query(
            """
            select r.value->'score'->>'complete', jsonb_array_length(r.value->'turns')
            from run_results r join experiment_runs e on e.id = r.run_id
            where r.kind = 'point' and e.session_id = 2 order by r.point_index
            """)
        #expect(replayed == [["true", "3"], ["false", "2"]], "\(replayed)")
    }

    /// A step answered without logprobs cannot be scored: the point fails there, saying so.
    @Test func aStepWithoutLogprobsFailsItsPoint() async throws {
        let bench = try await Workbench.start(simulator: ["--fault-rate", "no-logprobs=1"])
        let path = try bench.script("bare.ath", Self.sweep)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 3, "\(result.standardOutput)\n\(result.standardError)")
        #expect(
            result.standardError.contains("step 1 of the scoring chain came back without logprobs"),
            "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 2, "one step each, then the chain stops")
        #expect(try bench.scalar("select without_logprobs from run_totals") == "2")
    }

    @Test func aDryRunSaysUpToAndSendsNothing() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("dry.ath", Self.sweep)
        let result = try await bench.athanor("run", "--dry-run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardOutput.contains("up to 31 requests, one per token, in 2 scoring chains"),
            "\(result.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func scoreIsCheckedBeforeAnythingIsSent() async throws {
        let bench = try await Workbench.start()
        let empty = try bench.script(
            "empty.ath",
            """
            model mini = "openai/gpt-4o-mini"
            sweep sc { models: [mini], prompt: "Hi {{x}}", vars: { x: ["a", "b"] }, score: if x == "b" then "" else "ok" }
            """)
        let result = try await bench.athanor("run", empty)
        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "'score:' must give a non-empty string (the continuation to score), got an empty string"),
            "\(result.standardError)")
        let withTurns = try bench.script(
            "turns.ath",
            """
            model mini = "openai/gpt-4o-mini"
            sweep sc { models: [mini], prompt: "Hi", turns: ["a"], score: "x" }
            """)
        let refused = try await bench.athanor("run", withTurns)
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains("turns.ath:2:56: error: 'score:' cannot be used with 'turns:'"),
            "\(refused.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }
}
