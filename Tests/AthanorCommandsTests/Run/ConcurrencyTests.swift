import AthanorTestSupport
import Foundation
import Testing

/// A sweep keeps exactly its `concurrency` requests in flight, as the simulator counts them.
@Suite struct ConcurrencyTests {
    @Test func aSweepKeepsItsConcurrencyInFlightAndReportsTheProvidersLatency() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "100"])
        let path = try bench.script(
            "wide.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 24) }, concurrency: 4 }
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        let stats = try await bench.simulator.stats()
        #expect(stats.chatRequests == 24)
        #expect(stats.maxInFlight == 4)
        #expect(try bench.scalar("select count(*) from run_results") == "24")
        // Each point waits about one round for its turn; that wait is not the provider's latency.
        let latency =
            Double(try bench.scalar("select metadata->'totals'->>'mean_latency_ms' from experiment_runs") ?? "") ?? 0
        #expect(latency >= 100 && latency < 170, "mean latency \(latency) ms for a 100 ms server")
    }
}
