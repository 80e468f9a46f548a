import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// `athanor watch RUN_ID` in one process while another runs the sweep, as from two terminals.
@Suite struct WatchCommandTests {
    @Test func watchFollowsASweepRunningElsewhereAndExitsWhenItCompletes() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "150"])
        let path = try bench.script(
            "slow.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 40) }, concurrency: 4 }
            """)
        async let sweep = bench.athanor("run", path)
        try await waitUntil { (try? bench.scalar("select status from experiment_runs where id = 1")) == "running" }
        let watch = try await bench.athanor("watch", "1", "--interval", "0.3")
        let run = try await sweep
        #expect(run.status == 0, "\(run.standardError)")

        #expect(watch.status == 0, "\(watch.standardError)")
        let lines = watch.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "run 1 · s · running")
        let progress = lines.filter { $0.hasPrefix("run 1: ") }
        #expect(!progress.isEmpty, "plain progress lines while the run goes on:\n\(watch.standardOutput)")
        #expect(progress.contains { $0.contains("/40") && !$0.contains("40/40") })
        #expect(progress.contains { $0.contains(" tokens · $") }, "tokens and cost so far:\n\(watch.standardOutput)")
        #expect(lines.contains { $0.hasSuffix("run completed: 40 of 40 points answered") }, "the run's last log line")
        #expect(lines.last == "run 1 completed: 40 of 40 points stored")
        #expect(!watch.standardOutput.contains("\u{1B}["), "no terminal codes into a pipe")
    }

    @Test func aFinishedRunIsDescribedAndItsOutcomeIsTheExitStatus() async throws {
        let bench = try await Workbench.start()
        let store = try await PostgresRunStore.open(location: bench.database.location)
        let instanceID = try await store.createInstance(NewInstance(name: "s", definition: [:], source: "sweep s {}"))
        let runID = try await store.startRun(NewRun(instanceID: instanceID, metadata: ["points": 2]))
        try await store.saveResult(runID: runID, key: "m/0", value: ["output": "", "error": "rate limited"])
        try await store.log(runID: runID, level: .error, message: "m/0: rate limited", metadata: [:])
        try await store.finishRun(id: runID, status: .failed, error: "rate limited", metadata: [:])

        let watch = try await bench.athanor("watch", "\(runID)")
        #expect(watch.status == 3)
        #expect(watch.standardOutput.contains("run \(runID) · s · failed"))
        #expect(watch.standardOutput.contains("m/0: rate limited"))
        #expect(watch.standardOutput.hasSuffix("run \(runID) failed: 1 of 2 points stored, 1 failed · rate limited\n"))

        let missing = try await bench.athanor("watch", "99")
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("there is no run 99"))
    }

    @Test func aRunWhoseProcessDiedEndsTheWatchAsInterrupted() async throws {
        let bench = try await Workbench.start()
        let store = try await PostgresRunStore.open(location: bench.database.location)
        let instanceID = try await store.createInstance(NewInstance(name: "s", definition: [:], source: "sweep s {}"))
        let runID = try await store.startRun(NewRun(instanceID: instanceID, metadata: ["points": 5]))
        // Its process let go of it (as a dead one's connection does): no live process owns it.
        try await store.releaseRun(id: runID)

        let started = ContinuousClock.now
        let watch = try await bench.athanor("watch", "\(runID)")
        #expect(watch.status == 130)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(watch.standardOutput.contains("run \(runID) interrupted: 0 of 5 points stored"))
        #expect(
            try bench.scalar("select athanor_live_status('run', id, status, owned_at) from experiment_runs")
                == "interrupted")
    }

    @Test func ctrlCStopsWatchingARunThatGoesOn() async throws {
        let bench = try await Workbench.start()
        let store = try await PostgresRunStore.open(location: bench.database.location)
        let instanceID = try await store.createInstance(NewInstance(name: "s", definition: [:], source: "sweep s {}"))
        let runID = try await store.startRun(NewRun(instanceID: instanceID, metadata: ["points": 5]))

        let process = Process()
        process.executableURL = try BuiltProduct.url("athanor")
        process.arguments = ["watch", "\(runID)"]
        process.environment = bench.environment.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]) {
            a, _ in a
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await waitUntil {
            (try? bench.scalar("select count(*) from pg_stat_activity where query like 'LISTEN%'")) == "1"
        }
        kill(process.processIdentifier, SIGINT)
        let signalled = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - signalled < .seconds(5) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 130)
        #expect(try bench.scalar("select status from experiment_runs where id = \(runID)") == "running")
    }
}
