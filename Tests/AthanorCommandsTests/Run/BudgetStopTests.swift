import AthanorTestSupport
import Foundation
import Testing

/// A run that reaches its budget as its answers' cost comes in stops sending, ends `cancelled`
/// with a log line, and exits as a cancelled run; `resume` sends the rest.
///
/// The estimate counts ⌈characters ÷ 4⌉ prompt tokens, but the simulator counts each `.` as a
/// token: 20 prompts of 400 dots are estimated at ≈ $0.000336 and cost ≈ $0.0012, so a budget of
/// $0.0005 passes the check before sending and is reached after 9 answers.
@Suite struct BudgetStopTests {
    static let dots = String(repeating: ".", count: 400)
    static let sweep = """
        model mini = "openai/gpt-4o-mini" { max_tokens: 1 }
        sweep s { models: [mini], prompt: "\(dots) {{k}}", vars: { k: range(0, 20) }, concurrency: 1 }
        """

    private func answered(_ bench: Workbench) throws -> Int {
        Int(try bench.scalar("select count(*) from run_results where kind = 'point' and not failed") ?? "") ?? -1
    }

    @Test func aRunStopsAtTheScriptsMaxCostAndResumeSendsTheRest() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("budget.ath", Self.sweep)
        let result = try await bench.athanor("run", "--max-cost", "0.0005", path)
        #expect(result.status == 130, "\(result.standardError)")
        #expect(result.standardOutput.contains("≈ $0.000336 (at most, with max_tokens)"), "the estimate allowed it")
        #expect(
            result.standardError.contains("athanor: cell 2 stopped: run 1 stopped at its budget: $"),
            "\(result.standardError)")
        #expect(result.standardError.contains(" of $0.0005 spent; `athanor resume 1` sends the rest"))
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stopped = try answered(bench)
        #expect((9...11).contains(stopped), "stopped once the answers' cost reached $0.0005 (\(stopped))")
        #expect(try await bench.simulator.stats().chatRequests == stopped, "nothing sent after the budget")
        let spent = Double(try bench.scalar("select sum(cost) from run_results") ?? "") ?? 0
        #expect(spent >= 0.0005)
        let log = try bench.scalar("select message from run_logs where level = 'warning'") ?? ""
        #expect(log.hasPrefix("run 1 stopped at its budget: $"), "\(log)")
        #expect(try bench.scalar("select status from sessions") == "cancelled")

        let resumed = try await bench.athanor("resume", "1")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try answered(bench) == 20)
        #expect(try await bench.simulator.stats().chatRequests == 20)
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    @Test func setMaxCostStopsARunTheSameWay() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("budget.ath", ":set max_cost 0.0005\n" + Self.sweep)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 130, "\(result.standardError)")
        #expect(result.standardError.contains("stopped at its budget: $"), "\(result.standardError)")
        #expect((9...11).contains(try answered(bench)))
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
    }

    @Test func aBudgetTheAnswersDoNotReachStopsNothing() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("budget.ath", Self.sweep)
        let result = try await bench.athanor("run", "--max-cost", "0.01", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try answered(bench) == 20)
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }
}
