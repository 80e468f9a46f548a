import AthanorTestSupport
import Foundation
import Testing

/// `athanor run --enqueue` and `athanor worker`, as users run them: separate processes on one
/// database, drained against the simulator. Every point is stored exactly once, by the worker that
/// held it, whatever happens to the others (killed, or paused past their lease).
@Suite struct WorkerTests {
    static func sweep(_ points: Int) -> String {
        """
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep s { models: [mini], prompt: "Say {{k}}", vars: { k: range(0, \(points)) } }
        assert s: output != "never"
        """
    }

    private func count(_ bench: Workbench, _ sql: String) throws -> Int {
        Int(try bench.scalar(sql) ?? "") ?? -1
    }

    /// Every point has one stored result, the run completed, and the workers' tallies add up to it.
    private func expectDrainedOnce(_ bench: Workbench, points: Int) throws {
        #expect(try count(bench, "select count(*) from run_results where kind = 'point'") == points)
        #expect(try count(bench, "select count(distinct point_index) from run_results where kind = 'point'") == points)
        #expect(try count(bench, "select count(*) from run_points where state = 'answered'") == points)
        #expect(try count(bench, "select sum(answered) from worker_runs") == points)
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
    }

    @Test func enqueueStoresThePlanSendsNothingAndReturnsAtOnce() async throws {
        let bench = try await Workbench.start()
        let queued = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(40)), "--enqueue")
        #expect(queued.status == 0, "\(queued.standardError)")
        #expect(queued.standardOutput.contains("run 1 queued: 40 points, nothing sent"), "\(queued.standardOutput)")
        #expect(queued.standardOutput.contains("athanor worker --run 1"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try count(bench, "select count(*) from run_points where state = 'pending'") == 40)
        let listed = try await bench.athanor("runs")
        #expect(listed.standardOutput.contains("pending"), "\(listed.standardOutput)")

        let worked = try await bench.athanor("worker", "--run", "1", "--concurrency", "8")
        #expect(worked.status == 0, "\(worked.standardError)")
        #expect(worked.standardOutput.contains("run 1 completed: 40 of 40 points answered"), "\(worked.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 40)
        try expectDrainedOnce(bench, points: 40)
        let again = try await bench.athanor("worker", "--run", "1")
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("run 1 is not queued, or has ended: nothing to do"))
    }

    @Test func threeWorkersDrainOneRunEachPointOnce() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "20"])
        _ = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(3_000)), "--enqueue")
        async let first = bench.athanor("worker", "--concurrency", "20")
        async let second = bench.athanor("worker", "--concurrency", "20")
        async let third = bench.athanor("worker", "--concurrency", "20")
        let workers = [try await first, try await second, try await third]
        for worker in workers { #expect(worker.status == 0, "\(worker.standardError)") }
        try expectDrainedOnce(bench, points: 3_000)
        // Nobody was killed: each point was sent once, and each worker did a share.
        #expect(try await bench.simulator.stats().chatRequests == 3_000)
        #expect(try count(bench, "select count(*) from worker_runs where answered > 0") == 3)
        #expect(try bench.key(in: workers.map(\.standardOutput).joined()) == false)
    }

    @Test func watchShowsTheWorkersAndTheWholeRunsProgress() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "100"])
        _ = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(300)), "--enqueue")
        async let watching = bench.athanor("watch", "1", "--interval", "0.2")
        try await Task.sleep(for: .milliseconds(500))
        async let first = bench.athanor("worker", "--concurrency", "10")
        async let second = bench.athanor("worker", "--concurrency", "10")
        for worker in [try await first, try await second] { #expect(worker.status == 0, "\(worker.standardError)") }
        let watch = try await watching
        #expect(watch.status == 0, "\(watch.standardError)")
        let lines = watch.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "run 1 · s · pending", "\(watch.standardOutput)")
        let workerLines = lines.filter { $0.hasPrefix("  worker ") }
        #expect(
            workerLines.contains { $0.contains(" points/s · ") && $0.contains(" seen ") }, "\(watch.standardOutput)")
        #expect(Set(workerLines.map { $0.split(separator: " ")[1] }) == ["1", "2"])
        #expect(lines.last == "run 1 completed: 300 of 300 points stored")
    }

    @Test func aFollowingWorkerTakesRunsAsTheyAreQueuedAndStopsCleanly() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "200"])
        let follower = try bench.launch("worker", "--follow", "--concurrency", "10")
        try await waitUntil { (try? bench.scalar("select count(*) from workers")) == "1" }
        _ = try await bench.athanor("run", try bench.script("a.ath", Self.sweep(30)), "--enqueue")
        try await waitUntil { try bench.scalar("select status from experiment_runs where id = 1") == "completed" }
        _ = try await bench.athanor("run", try bench.script("b.ath", Self.sweep(400)), "--enqueue")
        try await waitUntil { try count(bench, "select count(*) from run_results where run_id = 2") >= 20 }
        kill(follower.processIdentifier, SIGTERM)
        follower.waitUntilExit()
        #expect(follower.terminationStatus == 130)
        // Stopped cleanly: what it held is pending again, and the run waits for the next worker.
        #expect(try count(bench, "select count(*) from run_points where state = 'sent'") == 0)
        #expect(try bench.scalar("select status from experiment_runs where id = 2") == "pending")
        #expect(try bench.scalar("select stopped_because from workers") == "interrupted")
        let next = try await bench.athanor("worker", "--run", "2", "--concurrency", "20")
        #expect(next.status == 0, "\(next.standardError)")
        #expect(try count(bench, "select count(*) from run_results where run_id = 2") == 400)
        #expect(try bench.scalar("select status from experiment_runs where id = 2") == "completed")
    }

    @Test func watchAtThePromptFollowsAQueuedRunUntilItEnds() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "50"])
        _ = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(60)), "--enqueue")
        let worker = try bench.launch("worker", "--concurrency", "5")
        let watched = try await bench.athanor("run", "-", input: ":watch 1\n")
        worker.waitUntilExit()
        #expect(watched.status == 0, "\(watched.standardError)")
        #expect(watched.standardOutput.contains("run 1 completed: 60 of 60 points stored"), "\(watched.standardOutput)")
        #expect(worker.terminationStatus == 0)
    }

    @Test func aKilledWorkersPointsAreSentByAnother() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        _ = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(300)), "--enqueue")
        let doomed = try bench.launch("worker", "--concurrency", "20")
        try await bench.waitForResults(atLeast: 40)
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        let held = try count(bench, "select count(*) from run_points where state = 'sent'")
        #expect(held > 0)

        let survivor = try await bench.athanor("worker", "--concurrency", "20")
        #expect(survivor.status == 0, "\(survivor.standardError)")
        #expect(survivor.standardOutput.contains("taken back from workers"), "\(survivor.standardOutput)")
        try expectDrainedOnce(bench, points: 300)
        #expect(try bench.scalar("select stopped_because from workers order by id limit 1") == "lost")
    }

    @Test func aWorkerPausedPastItsLeaseLosesItsPointsAndItsLateAnswersAreRefused() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "400"])
        _ = try await bench.athanor("run", try bench.script("s.ath", Self.sweep(200)), "--enqueue")
        let lease = ["ATHANOR_WORKER_LEASE": "2"]
        let paused = try bench.launch("worker", "--concurrency", "10", environment: lease)
        try await bench.waitForResults(atLeast: 10)
        kill(paused.processIdentifier, SIGSTOP)
        let pausedID = try count(bench, "select min(id) from workers")
        let held = try count(bench, "select count(*) from run_points where state = 'sent' and worker_id = \(pausedID)")
        #expect(held > 0)

        let other = try await bench.athanor("worker", "--concurrency", "10", environment: lease)
        #expect(other.status == 0, "\(other.standardError)")
        try expectDrainedOnce(bench, points: 200)
        let storedByPaused = try count(bench, "select answered from worker_runs where worker_id = \(pausedID)")

        // Woken, it finishes what it had in flight: those answers are refused, and it stops cleanly.
        kill(paused.processIdentifier, SIGCONT)
        paused.waitUntilExit()
        #expect(paused.terminationStatus == 0)
        try expectDrainedOnce(bench, points: 200)
        #expect(try count(bench, "select answered from worker_runs where worker_id = \(pausedID)") == storedByPaused)
        #expect(try count(bench, "select count(*) from run_points where worker_id = \(pausedID)") == storedByPaused)
    }
}

extension Workbench {
    /// Whether the API key appears in `text`.
    func key(in text: String) throws -> Bool { text.contains(Self.apiKey) }
}
