import AthanorTestSupport
import Foundation
import Testing

/// Rate limits, server errors and broken bodies are retried; every point is stored exactly once.
@Suite struct FaultTests {
    @Test func retriedFaultsStillStoreEveryPointOnce() async throws {
        let bench = try await Workbench.start(simulator: [
            // The mix; heavier rates make a point that fails five times in a row likely
            // enough to flake (the fault schedule is fixed, the interleaving is not).
            "--fault-rate", "429=0.1", "--fault-rate", "500=0.05", "--fault-rate", "truncate=0.03",
        ])
        let path = try bench.script(
            "faults.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 60) }, concurrency: 10 }
            assert s: error == null
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(try bench.scalar("select count(*) from run_results where kind = 'point'") == "60")
        #expect(try bench.scalar("select count(distinct key) from run_results where kind = 'point'") == "60")
        let retries =
            Int(
                try bench.scalar("select count(*) from run_logs where message like '%retrying%'")
                    ?? "0") ?? 0
        #expect(retries > 0)
        let requests = Int(try bench.scalar("select metadata->'totals'->>'requests' from experiment_runs") ?? "0") ?? 0
        #expect(requests == 60 + retries)
    }
}
