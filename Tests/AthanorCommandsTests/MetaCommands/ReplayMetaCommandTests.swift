import AthanorTestSupport
import Foundation
import Testing

/// `:compare` and `:replay` run the same code as `athanor replay`, from a cell.
@Suite struct ReplayMetaCommandTests {
    @Test func compareAndOfflineReplayFromACell() async throws {
        let bench = try await Workbench.start()
        #expect(try await bench.athanor("run", "capitals.ath").status == 0)
        #expect(try await bench.athanor("run", "capitals.ath").status == 0)
        try await bench.simulator.reset()
        let path = try bench.script("inspect.ath", ":compare 2 4\n:replay 1 offline\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("no answer changed (6 points compared)"))
        // The script itself is session 3, so its replay of session 1 is session 4.
        #expect(
            result.standardOutput.contains("replay of session 1 is session 4: 8 answers from storage, 0 requests sent"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select replay_of from sessions where id = 4") == "1")
    }

    @Test func replayNeedsASessionID() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", try bench.script("bad.ath", ":replay x\n"))
        #expect(result.status == 2)
        #expect(result.standardError.contains(":replay needs a session id"))
    }
}
