import AthanorTestSupport
import Foundation
import Synchronization
import Testing

/// `athanor run` of an `ask` prints the answer's tokens as they arrive, then the usual table,
/// and the finished output reads exactly as it would without streaming.
@Suite(.serialized) struct StreamedAskTests {
    /// Standard output as it arrived: each read with the time it came.
    struct TimedOutput {
        var reads: [(at: ContinuousClock.Instant, text: String)]
        var text: String { reads.map(\.text).joined() }

        /// The index of the read in which `needle` was first complete, with its time.
        func firstRead(containing needle: String) -> (index: Int, at: ContinuousClock.Instant)? {
            var so = ""
            for (index, read) in reads.enumerated() {
                so += read.text
                if so.contains(needle) { return (index, read.at) }
            }
            return nil
        }
    }

    /// Runs `athanor run SCRIPT` in the bench and records each read of its standard output, on a
    /// thread of its own (blocking reads must not hold the cooperative pool).
    private func runTimed(_ bench: Workbench, _ script: String) async throws -> (TimedOutput, Int32) {
        let process = Process()
        process.executableURL = try BuiltProduct.url("athanor")
        process.arguments = ["run", script]
        var environment = bench.environment
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reads = await withCheckedContinuation {
            (continuation: CheckedContinuation<[(ContinuousClock.Instant, String)], Never>) in
            Thread.detachNewThread {
                var reads: [(ContinuousClock.Instant, String)] = []
                while true {
                    let data = stdout.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    reads.append((.now, String(decoding: data, as: UTF8.self)))
                }
                continuation.resume(returning: reads)
            }
        }
        process.waitUntilExit()
        return (TimedOutput(reads: reads.map { (at: $0.0, text: $0.1) }), process.terminationStatus)
    }

    private static let hello = """
        model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
        ask mini "The capital of France is"

        """

    @Test func theFirstTokenIsPrintedBeforeTheAnswerIsComplete() async throws {
        // 1.5 s spread over the stream: the two tokens come 0.5 s apart, the end right after the last.
        let bench = try await Workbench.start(simulator: ["--latency-ms", "1500"])
        let (output, status) = try await runTimed(bench, try bench.script("hello.ath", Self.hello))
        #expect(status == 0)
        let paris = try #require(output.firstRead(containing: "Paris"))
        let done = try #require(output.firstRead(containing: "run 1 completed"))
        #expect(paris.index < done.index, "the text came in an earlier write than the run line")
        #expect(done.at - paris.at > .milliseconds(300), "Paris was on screen while the rest was on its way")

        let text = output.text
        #expect(text.hasPrefix("mini  openai/gpt-4o-mini · Simulator\n   Paris.\n  #  token"), "\(text)")
        #expect(text.components(separatedBy: "Simulator").count == 2, "the heading is printed once")
        #expect(text.components(separatedBy: " Paris.").count == 2, "the answer's text is printed once")
    }

    @Test func withStreamOffTheAnswerComesWhole() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "1500"])
        let script = Self.hello.replacingOccurrences(of: "ask mini", with: ":set stream off\nask mini")
        let (output, status) = try await runTimed(bench, try bench.script("hello.ath", script))
        #expect(status == 0)
        let paris = try #require(output.firstRead(containing: "Paris"))
        let table = try #require(output.firstRead(containing: "top 5"))
        #expect(paris.index == table.index, "text and table were written together")
    }

    @Test func theStoredCellOutputAndTheJSONDocumentAreThoseOfAWholeAnswer() async throws {
        let bench = try await Workbench.start()
        let streamed = try await bench.athanor("run", try bench.script("hello.ath", Self.hello))
        #expect(streamed.status == 0, "\(streamed.standardError)")
        let stored = try bench.query("select output from cells where source like 'ask%'")
        let output = try #require(stored.first?.first ?? nil)
        #expect(output.hasPrefix("mini  openai/gpt-4o-mini · Simulator\n   Paris.\n"))
        #expect(streamed.standardOutput == output, "what was printed live is what is stored")

        let json = try await bench.athanor("run", "--format", "json", try bench.script("hello.ath", Self.hello))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let types = (document["events"] as? [[String: Any]])?.compactMap { $0["type"] as? String }
        #expect(types == ["run"], "no live pieces in the JSON document")
    }
}
