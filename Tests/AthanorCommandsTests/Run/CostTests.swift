import AthanorTestSupport
import Foundation
import Testing

/// The cost before spending: estimated from the simulator's `/models` prices, shown in the plan,
/// and held against `--max-cost` before any request is sent.
@Suite struct CostTests {
    @Test func aDryRunShowsEachPlansEstimatedCostAndSendsNothing() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--dry-run", "capitals.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let sweep = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("sweep capitals") })
        // 6 requests of ≈ 27 prompt tokens and 3 completion tokens at the simulator's prices.
        #expect(sweep.contains("≈ $0.0000205 (at most, with max_tokens)"), "\(sweep)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func aModelWithoutAPriceIsSaidToHaveNoKnownCost() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "unpriced.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            model odd  = "nobody/unlisted-model" { max_tokens: 3 }
            sweep both { models: [mini, odd], prompt: "Say hi" }
            """)
        let result = try await bench.athanor("run", "--dry-run", script)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("(at most, with max_tokens); cost unknown for nobody/unlisted-model"))

        let refused = try await bench.athanor("run", "--max-cost", "10", script)
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains(
                "--max-cost $10.00 cannot be checked: cost unknown for nobody/unlisted-model"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func aPlanAboveTheBudgetIsRefusedBeforeAnyRequest() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--max-cost", "0.000001", "capitals.ath")
        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "the script's 8 requests are estimated at ≈ $0.0000274 (at most, with max_tokens), above --max-cost $0.000001; nothing was sent"
            ), "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "0")
    }

    @Test func aPlanWithinTheBudgetRunsAndItsPlanLineSaysTheEstimate() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--max-cost", "0.01", "capitals.ath")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("sweep capitals sends 6 requests"))
        #expect(result.standardOutput.contains("≈ $0.0000205 (at most, with max_tokens)"))
        #expect(try await bench.simulator.stats().chatRequests == 8)
    }

    @Test func aBudgetThatIsNotAnAmountIsAUsageError() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--max-cost=-1", "capitals.ath")
        #expect(result.status == 64)
        #expect(result.standardError.contains("--max-cost must be a number of US dollars, 0 or more"))
    }

    @Test func aScriptsSetMaxCostRefusesTheSweepAboveItUnsent() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "budget.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            :set max_cost 0.000001
            sweep greet { models: [mini], vars: { n: [1, 2, 3] }, prompt: "Say hi {{n}}" }
            """)
        let result = try await bench.athanor("run", script)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            result.standardError.contains("sweep greet is estimated at ≈ $"), "\(result.standardError)")
        #expect(result.standardError.contains("above max_cost $0.000001; nothing was sent"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "0")
    }
}
