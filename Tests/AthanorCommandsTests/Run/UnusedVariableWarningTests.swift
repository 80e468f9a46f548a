import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// A sweep variable that only makes identical requests is a located warning before anything is
/// sent: in the text a run prints, in a dry run, and as a `warning` event of `--format json`.
@Suite struct UnusedVariableWarningTests {
    static let script = """
        model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        sweep capitals {
          models: [mini]
          prompt: "What is the capital of {{country}}?"
          vars: { country: ["France", "Japan"], lang: ["en", "fr", "de"] }
        }
        """
    static let warning =
        "lang.ath:5:41: sweep variable 'lang' is read by neither the prompt nor model:; it makes 4 identical "
        + "requests (6 planned, 2 distinct)"

    @Test func theWarningIsShownInARunADryRunAndJSON() async throws {
        let bench = try await Workbench.start()
        _ = try bench.script("lang.ath", Self.script)
        let home = bench.home.path

        let dry = try await bench.athanor("run", "--dry-run", home + "/lang.ath")
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect((dry.standardOutput + dry.standardError).contains("warning: " + home + "/" + Self.warning))
        #expect(try await bench.simulator.stats().chatRequests == 0)

        let json = try await bench.athanor("run", "--dry-run", "--format", "json", home + "/lang.ath")
        #expect(json.status == 0, "\(json.standardError)")
        let events = try JSONValue.parse(json.standardOutput)["events"]?.arrayValue ?? []
        let warnings = events.filter { $0["type"]?.stringValue == "warning" }.compactMap { $0["text"]?.stringValue }
        #expect(warnings == [home + "/" + Self.warning])

        let run = try await bench.athanor("run", home + "/lang.ath")
        #expect(run.status == 0, "a warning does not stop the run: \(run.standardError)")
        let said = (run.standardOutput + run.standardError).components(separatedBy: Self.warning).count - 1
        #expect(said == 1, "once, from the run, not again from its checking pass")
        #expect(try await bench.simulator.stats().chatRequests == 6)
    }
}
