import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// A sweep against a slow simulator, stopped from outside: SIGTERM records it `cancelled` at once;
/// after SIGKILL it reads `interrupted` at once (no live process holds its lock), and an immediate
/// `resume` sends exactly the points without an answer.
@Suite struct InterruptionTests {
    static let sweep = """
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 40) }, concurrency: 4 }
        """

    @Test func sigtermCancelsInFlightRequestsAndRecordsWhatFinished() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "1500"])
        let process = try bench.launch("run", try bench.script("slow.ath", Self.sweep))
        try await bench.waitForResults(atLeast: 1)
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        // Requests take 1.5 s; finishing within a second means they were cancelled, not awaited.
        #expect(ContinuousClock.now - signalled < .seconds(1))
        #expect(process.terminationStatus == 130)
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? 0
        #expect(stored >= 1 && stored < 40)
        let totals = Int(try bench.scalar("select metadata->'totals'->>'points' from experiment_runs") ?? "") ?? -1
        #expect(totals == stored)
        // Every planned point is there, each in the state it reached.
        #expect(try bench.scalar("select count(*) from run_points where state = 'answered'") == String(stored))
        #expect(try bench.scalar("select count(*) from run_points where state = 'cancelled'") == String(40 - stored))
    }

    /// Checking a 1,000,000-point sweep takes many seconds; SIGTERM stops it at once, before anything is sent.
    @Test func sigtermWhilePlanningAHugeSweepStopsAtOnce() async throws {
        let bench = try await Workbench.start()
        let huge = """
            model mini = "openai/gpt-4o-mini" { max_tokens: 1 }
            sweep huge { models: [mini], prompt: "Say {{a}} {{b}}", vars: { a: range(0, 1000), b: range(0, 1000) } }
            """
        let process = try bench.launch("run", try bench.script("huge.ath", huge))
        try await Task.sleep(for: .milliseconds(700))
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning && ContinuousClock.now - signalled < .seconds(30) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(ContinuousClock.now - signalled < .seconds(2))
        #expect(process.terminationStatus == 130)
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from run_points") == "0")
    }

    @Test func resumeAfterSigkillSendsExactlyTheMissingPoints() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let process = try bench.launch("run", try bench.script("slow.ath", Self.sweep))
        try await bench.waitForResults(atLeast: 8)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let runID = try #require(try bench.scalar("select id from experiment_runs"))
        let listing = try await bench.athanor("runs")
        #expect(listing.standardOutput.contains("interrupted"), "\(listing.standardOutput)")
        #expect(try bench.scalar("select count(*) from run_points") == "40")

        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? 0
        #expect(stored >= 8 && stored < 40)
        // Its totals are its rows', though its process never wrote them.
        let shown = try await bench.athanor("show", runID)
        #expect(shown.standardOutput.contains("\(stored) of 40 planned points stored"), "\(shown.standardOutput)")
        #expect(shown.standardOutput.contains("totals: \(stored) points"))
        let sentBefore = try await bench.simulator.stats().chatRequests
        let resumed = try await bench.athanor("resume", runID)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let sentByResume = try await bench.simulator.stats().chatRequests - sentBefore
        #expect(sentByResume == 40 - stored)
        #expect(try bench.scalar("select count(*) from run_results") == "40")
        #expect(try bench.scalar("select count(distinct key) from run_results") == "40")
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
        #expect(try bench.scalar("select count(*) from experiment_runs") == "1")
        // Totals are the stored rows': all 40 points, not only the resumed part.
        #expect(try bench.scalar("select metadata->'totals'->>'points' from experiment_runs") == "40")
    }

    /// SIGHUP (the terminal went away) stops a script as SIGTERM does, nothing left `running`.
    @Test func sighupInBatchCancelsTheRunAndClosesTheSession() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "1500"])
        let process = try bench.launch("run", try bench.script("slow.ath", Self.sweep))
        try await bench.waitForResults(atLeast: 1)
        kill(process.processIdentifier, SIGHUP)
        let signalled = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - signalled < .seconds(30) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 130)
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        #expect(try bench.scalar("select status from sessions") == "cancelled")
        #expect(try bench.scalar("select count(*) from cells where status = 'running'") == "0")
    }

    /// `athanor run x | head -1`: the reader takes a line and goes away, the next write fails, and
    /// the script stops as with SIGTERM, its cell, run and session recorded as such (SIGPIPE used
    /// to kill it, leaving them `running`).
    @Test func aClosedOutputPipeStopsTheScriptAndClosesItsSession() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let path = try bench.script(
            "piped.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            ask mini "Say hi"
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, 200) }, concurrency: 2 }
            """)
        let process = Process()
        process.executableURL = try BuiltProduct.url("athanor")
        process.arguments = ["run", path]
        var environment = bench.environment
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        process.environment = environment
        let pipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let first = await Self.firstLine(of: pipe.fileHandleForReading)
        #expect(first.contains("mini"), "\(first)")
        try pipe.fileHandleForReading.close()
        let started = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 130)
        #expect(try bench.scalar("select count(*) from sessions where status = 'running'") == "0")
        #expect(try bench.scalar("select count(*) from cells where status = 'running'") == "0")
        #expect(try bench.scalar("select count(*) from experiment_runs where status = 'running'") == "0")
        #expect(try bench.scalar("select status from sessions") == "cancelled")
    }

    /// Reads up to the first newline, as `head -1` does, on a thread of its own (a blocking read
    /// would hold up the test's cooperative pool).
    static func firstLine(of handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes = Data()
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
