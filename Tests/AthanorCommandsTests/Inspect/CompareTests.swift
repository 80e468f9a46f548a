import AthanorTestSupport
import Foundation
import Testing

/// `compare(run_a, run_b)` in the language: a record `show` prints and `assert` checks (over a run,
/// as every assert is).
@Suite struct CompareTests {
    @Test func compareOfTwoIdenticalRunsShowsNoChangeAndAssertsOnIt() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "compare.ath",
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
            sweep a { models: [mini], prompt: "What is the capital of {{c}}?", vars: { c: ["France", "Peru"] } }
            sweep b { models: [mini], prompt: "What is the capital of {{c}}?", vars: { c: ["France", "Japan"] } }
            let same = compare(a, a)
            assert a: same.changed == 0 and same.top1_agreement == 1
            let d = compare(a, b)
            show d
            assert b: compare(a, b).changed == 2
            assert b: d.changes[0].label == "model=mini;c=Peru" "the point only a has comes first"
            assert b: d.shared == 1
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(result.standardOutput.contains("top1_agreement"))
        #expect(result.standardOutput.contains("Lima"))
    }

    /// Long values that differ only at their end are different points (their keys hash the whole
    /// value), so two runs of the same sweep pair each point with itself: nothing changed.
    @Test func runsWhoseLongValuesDifferOnlyAtTheEndPairEachPointWithItself() async throws {
        let bench = try await Workbench.start()
        let long = String(repeating: "the same long beginning of a question ", count: 3)
        let path = try bench.script(
            "long.ath",
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
            let questions = ["\(long)one?", "\(long)two?"]
            sweep a { models: [mini], prompt: "{{q}}", vars: { q: questions } }
            sweep b { models: [mini], prompt: "{{q}}", vars: { q: questions } }
            let d = compare(a, b)
            assert b: d.shared == 2 and d.changed == 0 and d.top1_agreement == 1 and d.kl == 0
            show d
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(try bench.scalar("select count(distinct key) from run_points") == "2")
        #expect(try bench.scalar("select count(distinct label) from run_points") == "1", "the labels are cut alike")
    }
}
