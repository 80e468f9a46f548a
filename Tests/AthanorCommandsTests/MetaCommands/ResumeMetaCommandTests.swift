import AthanorTestSupport
import Foundation
import Testing

/// `:resume RUN` at the prompt does what `athanor resume RUN` does: only the missing points are
/// sent, into the same run.
@Suite struct ResumeMetaCommandTests {
    @Test func resumeAtThePromptFinishesACancelledRunWithOnlyTheMissingPoints() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let path = try bench.script(
            "slow.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 20) }, concurrency: 2 }
            """)
        // SIGTERM stops the sweep at once and records it `cancelled` with what finished.
        let sweep = Process()
        sweep.executableURL = try BuiltProduct.url("athanor")
        sweep.arguments = ["run", path]
        sweep.environment = bench.environment.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]) {
            a, _ in a
        }
        sweep.standardInput = FileHandle.nullDevice
        sweep.standardOutput = FileHandle.nullDevice
        sweep.standardError = FileHandle.nullDevice
        try sweep.run()
        let deadline = ContinuousClock.now + .seconds(20)
        // Until the process has migrated the schema there is no table to count in.
        while (try? bench.scalar("select count(*) >= 4 from run_results")) != "t", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(sweep.processIdentifier, SIGTERM)
        sweep.waitUntilExit()
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? 0
        #expect(stored >= 4 && stored < 20)
        let sentBefore = try await bench.simulator.stats().chatRequests

        var environment = bench.environment
        environment["TERM"] = "xterm"
        environment["XDG_STATE_HOME"] = bench.home.appendingPathComponent("state").path
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let terminal = try PseudoTerminal(executable: try BuiltProduct.url("athanor").path, environment: environment)
        try terminal.readUntil("[1]> ", timeout: .seconds(60))
        terminal.send(":resume x")
        terminal.send(key: .enter)
        #expect(try terminal.readUntil("[2]> ", timeout: .seconds(15)).contains(":resume needs a run id"))
        terminal.send(":resume 1")
        terminal.send(key: .enter)
        let resumed = try terminal.readUntil("[3]> ", timeout: .seconds(30))
        #expect(resumed.contains("resuming run 1 (s): \(stored) of 20 points stored, \(20 - stored) to send"))
        #expect(resumed.contains("run 1 completed"))
        terminal.send(":quit")
        terminal.send(key: .enter)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)

        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 20 - stored)
        #expect(try bench.scalar("select count(distinct key) from run_results") == "20")
        #expect(try bench.scalar("select count(*) from run_results") == "20")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
        #expect(try bench.scalar("select count(*) from experiment_runs") == "1")
    }

    @Test func aReplRunAfterAFailingCellIsResumedFromItsStoredPlan() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        var environment = bench.environment
        environment["TERM"] = "xterm"
        environment["XDG_STATE_HOME"] = bench.home.appendingPathComponent("state").path
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let terminal = try PseudoTerminal(executable: try BuiltProduct.url("athanor").path, environment: environment)
        try terminal.readUntil("[1]> ", timeout: .seconds(60))
        terminal.send("show nosuch")
        terminal.send(key: .enter)
        #expect(try terminal.readUntil("[2]> ", timeout: .seconds(15)).contains("unknown variable 'nosuch'"))
        terminal.send(#"model mini = "openai/gpt-4o-mini" { max_tokens: 2 }"#)
        terminal.send(key: .enter)
        try terminal.readUntil("[3]> ", timeout: .seconds(15))
        terminal.send(#"sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 16) }, concurrency: 2 }"#)
        terminal.send(key: .enter)
        let deadline = ContinuousClock.now + .seconds(20)
        while (try? bench.scalar("select count(*) >= 4 from run_results")) != "t", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        terminal.send(key: .ctrlC)
        try terminal.readUntil("[4]> ", timeout: .seconds(15))
        terminal.send(":quit")
        terminal.send(key: .enter)
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? 0
        let sentBefore = try await bench.simulator.stats().chatRequests

        let resumed = try await bench.athanor("resume", "1")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try await bench.simulator.stats().chatRequests - sentBefore == 16 - stored)
        #expect(try bench.scalar("select count(*) from run_results") == "16")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    @Test func aScriptCannotResumeAndSaysWhereTo() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", try bench.script("resume.ath", ":resume 4\n"))
        #expect(result.status == 2)
        #expect(
            result.standardError.contains(":resume sends requests, which cannot be done here; use 'athanor resume 4'"))
    }
}
