import AthanorLanguage
import Testing

@testable import AthanorCore

/// What the check pass (before any request) finds in grouped shows and aggregate assertions.
@Suite struct AggregateCheckTests {
    static let sweep = """
        model m = "x/y" { max_tokens: 1 }
        sweep calib {
          models: [m]
          prompt: "Is it true? {{statement}}"
          vars:   csv("statements.csv")
          params: { temperature: [0, 1] }
        }

        """

    @Test func groupedShowsAndAggregateAssertionsPassTheCheck() async throws {
        let script =
            Self.sweep + """
                show calib by model, params.temperature: mean(prob("Yes")), count(), params.temperature * 2
                show calib: calibration(prob("Yes"), truth == "true", bins: 5)
                assert calib where truth == "true": brier(prob("Yes"), true) < 0.2
                let b = brier(calib, prob("Yes"), truth == "true")
                let n = count(calib) + count(calib, output == "")
                """
        #expect(try await PlanningHarness(script).run() == nil)
    }

    @Test(arguments: [
        ("show calib by truth: output", "'output' has one value per result", "output"),
        ("show calib: mean(prob(\"Yes\")), statement", "'statement' has one value per result", "statement"),
        ("assert calib: mean(prob(\"Yes\")) > prob(\"No\")", "'prob(\"No\")' has one value per result", "prob(\"No\")"),
        (
            "assert 90% of calib: mean(prob(\"Yes\")) > 0.5", "this condition uses aggregates",
            "mean(prob(\"Yes\")) > 0.5"
        ),
        ("show calib by mean(prob(\"Yes\"))", "a 'by' key is computed for each result", "mean(prob(\"Yes\"))"),
        ("show calib by truthh: count()", "unknown variable 'truthh'", "truthh"),
        ("let b = mean(calib, prob(truthh))", "unknown variable 'truthh'", "truthh"),
        ("show [1, 2] by x", "'by' groups the results of a run, and this is a list", "x"),
    ])
    func mistakesAreFoundBeforeAnyRequest(line: String, message: String, at text: String) async throws {
        let harness = PlanningHarness(Self.sweep + line)
        let diagnostic = try #require(try await harness.run())
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
        let source = harness.file.text.utf8
        let start = source.index(source.startIndex, offsetBy: diagnostic.range.start.offset)
        let end = source.index(source.startIndex, offsetBy: diagnostic.range.end.offset)
        #expect(String(decoding: source[start..<end], as: UTF8.self) == text)
    }
}
