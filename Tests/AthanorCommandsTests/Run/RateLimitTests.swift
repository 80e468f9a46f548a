import AthanorTestSupport
import Foundation
import Testing

/// A provider that accepts fewer requests at once than a sweep asks for answers the rest with 429:
/// the run slows down to what it accepts and ends with every point answered, not with failures.
@Suite struct RateLimitTests {
    @Test func aServerTakingFourAtOnceAnswersEveryPointOfAConcurrency32Sweep() async throws {
        let bench = try await Workbench.start(simulator: ["--max-in-flight", "4", "--latency-ms", "30"])
        let path = try bench.script(
            "busy.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 1 }
            sweep busy { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 300) }, concurrency: 32 }
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try bench.scalar("select count(*) from run_results where not failed") == "300")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
        // The server did refuse requests, and the run waited them out rather than fail a point.
        let waits = try bench.scalar("select count(*) from run_logs where message like '%retrying%'")
        #expect((Int(waits ?? "") ?? 0) > 0, "the server never said 429: the test proves nothing")
        #expect(try bench.scalar("select count(*) from run_logs where level = 'error'") == "0")
        // The in-flight limit came down towards what the server takes.
        let lowest = try bench.scalar(
            "select min((metadata->>'in_flight_limit')::int) from run_logs where metadata ? 'in_flight_limit'")
        #expect((Int(lowest ?? "") ?? 99) <= 8, "lowest in-flight limit: \(lowest ?? "none")")
    }
}
