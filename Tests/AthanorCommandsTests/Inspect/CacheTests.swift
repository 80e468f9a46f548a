import AthanorTestSupport
import Foundation
import Testing

/// `--cache`: an identical request is answered from PostgreSQL without a network call; off by default.
@Suite struct CacheTests {
    @Test func theSecondIdenticalRequestIsServedFromTheCache() async throws {
        let bench = try await Workbench.start()
        let first = try await bench.athanor("run", "--cache", "hello.ath")
        #expect(first.status == 0, "\(first.standardError)")
        let second = try await bench.athanor("run", "--cache", "hello.ath")
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains(" Paris."))
        #expect(try await bench.simulator.stats().chatRequests == 1)
        let served = try bench.query(
            "select run_id, value->'response'->>'served_from' from run_results order by run_id")
        #expect(served == [["1", nil], ["2", "cache"]])
        // Only what went to the provider counts as a request.
        let requests = try bench.query("select id, metadata->'totals'->>'requests' from experiment_runs order by id")
        #expect(requests == [["1", "1"], ["2", "0"]])
        #expect(try bench.scalar("select hits from response_cache") == "1")
        #expect(
            try bench.scalar("select count(*) from response_cache r where r::text like '%\(Workbench.apiKey)%'") == "0")

        let uncached = try await bench.athanor("run", "hello.ath")
        #expect(uncached.status == 0, "\(uncached.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 2, "without --cache every request is sent")
    }
}
