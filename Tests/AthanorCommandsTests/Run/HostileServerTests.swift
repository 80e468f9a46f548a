import AthanorTestSupport
import Foundation
import Testing

/// `athanor run` against servers that flood it: each flood ends as its point's error, and the
/// process's peak memory (its own `VmHWM`, see `MeasuredProcess`) stays under 100 MB.
@Suite struct HostileServerTests {
    static let cells = [
        // A sweep's point is sent whole; a single ask is streamed.
        "sweep": "sweep s { models: [mini], prompt: \"Hello {{who}}\", vars: { who: [\"you\"] } }",
        "ask": "ask mini \"Hello there\"",
    ]

    @Test(arguments: ["gzip-bomb", "endless-stream", "huge-answer"], ["sweep", "ask"])
    func aFloodIsThePointsErrorInBoundedMemory(fault: String, cell: String) async throws {
        let bench = try await Workbench.start(simulator: ["--fault-rate", "\(fault)=1"])
        let text = "model mini = \"openai/gpt-4o-mini\" { max_tokens: 3 }\n" + Self.cells[cell]! + "\n"
        let result = try await MeasuredProcess.run(
            ["run", try bench.script("flood.ath", text)], environment: bench.environment,
            directory: BuiltProduct.packageRoot.appendingPathComponent("Examples"))
        #expect(result.status == 3, "the point failed: \(result.standardError)")
        #expect(result.standardError.contains("the response exceeded 16 MB"), "\(result.standardError)")
        #expect(result.maximumResidentBytes < 100 << 20, "peak RSS \(result.maximumResidentBytes >> 20) MB")
        #expect(result.residentReadings > 0, "its memory was read (a peak never read is 0)")
        #expect(try await bench.simulator.stats().chatRequests == 1, "a flood is not retried")
        let errors = try bench.query("select (value->'error')::text from run_results where failed")
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.first??.contains("the response exceeded 16 MB") == true, "\(errors)")
    }
}
