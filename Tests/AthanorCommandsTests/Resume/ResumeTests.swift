import AthanorTestSupport
import Foundation
import Testing

/// `athanor resume` works from the stored plan and the run's lock: whatever `--var`, cells or other
/// processes were involved, each missing point is sent exactly once (the simulator counts them).
@Suite struct ResumeTests {
    static let sweep = """
        let n = 5
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep s { models: [mini], prompt: "Say {{k}}", vars: { k: range(0, n) }, concurrency: 4 }
        """

    @Test func twoResumesAtOnceSendEachMissingPointOnce() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let path = try bench.script("s.ath", Self.sweep)
        let process = try bench.launch("run", path, "--var", "n=40")
        try await bench.waitForResults(atLeast: 8)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stored = try count(bench, "select count(*) from run_results")
        let sentBefore = try await bench.simulator.stats().chatRequests

        async let first = bench.athanor("resume", "1")
        async let second = bench.athanor("resume", "1")
        let outcomes = [try await first, try await second]
        #expect(outcomes.contains { $0.status == 0 }, "\(outcomes.map(\.standardError))")
        for refused in outcomes where refused.status != 0 {
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("run 1 is being run by another process"))
        }
        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 40 - stored)
        #expect(try bench.scalar("select count(*) from run_results") == "40")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    @Test func aPausedOwnerKeepsItsRunAndAResumeIsRefused() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "200"])
        let process = try bench.launch("run", try bench.script("s.ath", Self.sweep), "--var", "n=24")
        try await bench.waitForResults(atLeast: 4)
        kill(process.processIdentifier, SIGSTOP)
        let refused = try await bench.athanor("resume", "1")
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("being run by another process"), "\(refused.standardError)")
        #expect(process.terminationStatus == 0)
        #expect(try await bench.simulator.stats().chatRequests == 24)
        #expect(try bench.scalar("select count(*) from run_results") == "24")
    }

    @Test func aVarRunResumesItsOwnPlanNotTheScriptsDefault() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let process = try bench.launch("run", try bench.script("s.ath", Self.sweep), "--var", "n=20")
        try await bench.waitForResults(atLeast: 4)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stored = try count(bench, "select count(*) from run_results")
        let sentBefore = try await bench.simulator.stats().chatRequests
        // The script on disk now says something else: resume does not read it.
        _ = try bench.script("s.ath", Self.sweep.replacingOccurrences(of: "Say", with: "Shout"))

        let resumed = try await bench.athanor("resume", "1")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 20 - stored)
        #expect(try bench.scalar("select count(*) from run_results") == "20")
        #expect(try bench.scalar("select count(*) from run_results where value->>'output' is null") == "0")
        let said = "select count(*) from run_results where value->'request'->'messages'->0->>'content' like 'Say %'"
        #expect(try bench.scalar(said) == "20")
        #expect(try bench.scalar("select metadata->'totals'->>'points' from experiment_runs") == "20")
        // Nothing is left to send: a second resume sends nothing and the run stays completed.
        let again = try await bench.athanor("resume", "1")
        #expect(again.status == 0)
        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 20 - stored)
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    @Test func aFailedRunStaysFailedUntilItsFailuresAreSentAgain() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "g.ath",
            """
            model g = "google/gemini-2.5-flash"
            sweep s { models: [g], prompt: "Hi {{k}}", vars: { k: [1, 2] } }
            """)
        let run = try await bench.athanor("run", path)
        #expect(run.status == 3)
        #expect(try bench.scalar("select status from experiment_runs") == "failed")
        let plain = try await bench.athanor("resume", "1")
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(try bench.scalar("select status from experiment_runs") == "failed", "nothing was sent, nothing changed")
        let sentBefore = try await bench.simulator.stats().chatRequests
        let failed = try await bench.athanor("resume", "1", "--failed")
        #expect(try await bench.simulator.stats().chatRequests - sentBefore >= 2, "\(failed.standardError)")
        #expect(failed.status == 3, "points that fail again are a failure of the resume")
        #expect(failed.standardError.contains("run 1 failed: no provider serves"), "\(failed.standardError)")
        #expect(try bench.scalar("select count(*) from run_points where state = 'failed'") == "2")
    }

    @Test func aLongValueIsStoredWithItsNeighbours() async throws {
        let bench = try await Workbench.start()
        let long = String(repeating: "a very long variable value, ", count: 110)
        let path = try bench.script(
            "long.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "{{v}}", vars: { v: ["short", "\(long)x", "\(long)y", "last"] } }
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try bench.scalar("select count(*) from run_results where value->>'error' is null") == "4")
        #expect(try bench.scalar("select count(distinct key) from run_points") == "4")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    private func count(_ bench: Workbench, _ sql: String) throws -> Int {
        Int(try bench.scalar(sql) ?? "") ?? -1
    }
}
