import AthanorTestSupport
import Foundation
import Testing

/// A sweep asking for more requests in flight than the process may open files for: athanor
/// raises its soft limit to the hard one at start, and lowers the concurrency to what the limit
/// holds, saying so, instead of failing points with "too many open files".
@Suite struct OpenFilesTests {
    static let script = """
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep s { models: [mini], prompt: "Count {{n}}", vars: { n: range(300) }, concurrency: 2000 }
        """

    private func run(_ bench: Workbench, ulimit: String) async throws -> MeasuredProcess {
        try await MeasuredProcess.run(
            ["run", try bench.script("wide.ath", Self.script)], environment: bench.environment, shellSetup: ulimit,
            directory: BuiltProduct.packageRoot.appendingPathComponent("Examples"))
    }

    private func answered(_ bench: Workbench) throws -> [[String?]] {
        try bench.query("select count(*) filter (where not failed), count(*) filter (where failed) from run_results")
    }

    @Test func aHardLimitLowersTheConcurrencyAndEveryPointIsAnswered() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let result = try await run(bench, ulimit: "ulimit -Sn 256 && ulimit -Hn 256")
        #expect(result.status == 0, "\(result.standardError)")
        let note = "concurrency 2000 lowered to 64: the process may open 256 files"
        #expect(result.standardOutput.contains(note), "\(result.standardOutput)")
        #expect(try answered(bench) == [["300", "0"]])
        // Said once in the run's log. (A retried request may add its own warning on a loaded machine.)
        let warnings = try bench.query("select message from run_logs where level = 'warning'")
        #expect(warnings.filter { $0 == [note] }.count == 1, "\(warnings)")
        #expect(!warnings.contains { $0.first??.contains("open files") == true }, "\(warnings)")
        #expect(try await bench.simulator.stats().maxInFlight <= 64)
    }

    @Test func aLowSoftLimitIsRaisedToTheHardOne() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "300"])
        let result = try await run(bench, ulimit: "ulimit -Sn 128")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.contains("lowered"), "\(result.standardOutput)")
        #expect(try answered(bench) == [["300", "0"]])
        #expect(try await bench.simulator.stats().maxInFlight > 128 / 3, "more in flight than 128 files hold")
    }
}
