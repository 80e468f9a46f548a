import AthanorLanguage
import Testing

@testable import AthanorCore

/// The check pass (a dry run) over values that depend on answers not yet received.
@Suite struct AnswerDependentValueTests {
    @Test func jsonOfAnAnswerBoundThroughLetIsNotRejectedBeforeRunning() async throws {
        let script = """
            model m = "x/y"
            ask m "Give JSON"
            let first = _.results[0].output
            let parsed = json(first)
            show split(first, ",")
            """
        #expect(try await PlanningHarness(script).run() == nil)
    }

    @Test func aTypoInAnAnswerDependentValueIsStillCaught() async throws {
        let script = """
            model m = "x/y"
            ask m "Give JSON"
            let first = _.results[0].output
            show json(frist)
            """
        let diagnostic = try #require(try await PlanningHarness(script).run())
        #expect(diagnostic.message == "unknown variable 'frist'")
        #expect(diagnostic.suggestion == "first")
    }
}
