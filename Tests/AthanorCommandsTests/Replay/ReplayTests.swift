import AthanorTestSupport
import Foundation
import Testing

/// `athanor replay`: live against the simulator, offline with nothing sent, and diffed against a
/// simulator whose scenario changed.
@Suite struct ReplayTests {
    static let script = """
        # %% Model
        model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        # %% Sweep
        sweep capitals {
          models: [mini]
          prompt: "What is the capital of {{country}}?"
          vars: { country: ["France", "Japan", "Peru"] }
        }
        # %% Checks
        assert capitals: prob(output) > 0.5
        """

    @Test func aLiveReplayIsANewSessionWithTheSameOutputs() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", try bench.script("capitals.ath", Self.script))
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let replay = try await bench.athanor("replay", "1", "--diff")
        #expect(replay.status == 0, "\(replay.standardError)\n\(replay.standardOutput)")
        #expect(replay.standardOutput.contains("replay of session 1 is session 2"))
        #expect(replay.standardOutput.contains("no answer changed (3 points compared)"))
        #expect(
            try bench.query("select kind, replay_of, status from sessions where id = 2") == [
                ["replay", "1", "completed"]
            ])
        #expect(
            try bench.query("select position from cells where session_id = 2 order by position") == [
                ["1"], ["2"], ["3"],
            ])
        let outputs = """
            select r.session_id, rr.key, rr.value->>'output' from run_results rr join experiment_runs r on r.id = rr.run_id
            where rr.kind = 'point' and r.session_id = %d order by rr.key
            """
        let original = try bench.query(String(format: outputs, 1)).map { $0.dropFirst() }
        let replayed = try bench.query(String(format: outputs, 2)).map { $0.dropFirst() }
        #expect(original.count == 3)
        #expect(original == replayed)
    }

    @Test func anOfflineReplaySendsNothingAndReevaluatesAssertions() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", try bench.script("capitals.ath", Self.script))
        #expect(recorded.status == 0, "\(recorded.standardError)")
        try await bench.simulator.reset()
        let replay = try await bench.athanor("replay", "1", "--offline", "--diff")
        #expect(replay.status == 0, "\(replay.standardError)\n\(replay.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(replay.standardOutput.contains("3 answers from storage, 0 requests sent"))
        #expect(
            replay.standardOutput.contains("3 of 3 held"), "the assertion is evaluated again over the stored answers")
        let served = try bench.query(
            """
            select distinct rr.value->'response'->>'served_from' from run_results rr join experiment_runs r on r.id = rr.run_id
            where r.session_id = 2 and rr.kind = 'point'
            """)
        #expect(served == [["replay"]])
        #expect(
            try bench.scalar("select count(*) from experiment_runs where session_id = 2 and status = 'completed'")
                == "1")
    }

    @Test func diffFlagsAChangedAnswerAfterTheScenarioChanges() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", try bench.script("capitals.ath", Self.script))
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let scenario = try bench.script(
            "changed.json",
            """
            {"rules": [
              { "match": "What is the capital of France", "answer": "Lyon", "confidence": 0.9, "alternatives": ["Paris"] },
              { "match": "What is the capital of Japan", "answer": "Tokyo", "confidence": 0.95, "alternatives": ["Kyoto", "Osaka"] },
              { "match": "What is the capital of Peru", "answer": "Lima", "confidence": 0.88, "alternatives": ["Cusco", "Arequipa"] }
            ], "default_confidence": 0.6}
            """)
        let changed = try SimulatorProcess.start(["--scenario", scenario])
        defer { changed.stop() }
        let replay = try await bench.athanor(
            "replay", "1", "--diff", environment: ["OPENROUTER_BASE_URL": changed.baseURL.absoluteString])
        #expect(replay.status == 1, "\(replay.standardError)\n\(replay.standardOutput)")
        let out = replay.standardOutput
        #expect(out.contains("changed points"))
        #expect(out.contains("country=France"))
        #expect(out.contains("Paris") && out.contains("Lyon"))
        #expect(out.contains("1 of 3 points changed"))
        #expect(!out.contains("country=Japan"), "unchanged points are not listed")
        // A third of the points changed: a tolerance of one half accepts it.
        let tolerant = try await bench.athanor(
            "replay", "1", "--diff", "--tolerance", "0.5",
            environment: ["OPENROUTER_BASE_URL": changed.baseURL.absoluteString])
        #expect(tolerant.status == 0, "\(tolerant.standardError)\n\(tolerant.standardOutput)")
    }

    @Test func replayingASessionThatDoesNotExistSaysSo() async throws {
        let bench = try await Workbench.start()
        let replay = try await bench.athanor("replay", "42", "--offline")
        #expect(replay.status == 2)
        #expect(replay.standardError.contains("there is no session 42"))
    }
}
