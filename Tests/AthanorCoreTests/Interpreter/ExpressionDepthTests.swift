import AthanorLanguage
import Testing

@testable import AthanorCore

/// An expression as deep as the parser allows is checked, evaluated and freed without trouble:
/// the parser's limit is what keeps the interpreter's recursion bounded.
@Suite struct ExpressionDepthTests {
    @Test func aChainAtTheLimitEvaluates() async throws {
        let depth = LanguageLimits.expressionDepth
        let script =
            "let x = " + Array(repeating: "1", count: depth).joined(separator: " + ") + "\n"
            + "let all = " + Array(repeating: "true", count: depth).joined(separator: " and ") + "\n"
            + "let fine = x == \(depth) and all\n"
        let harness = PlanningHarness(script)
        #expect(try await harness.run() == nil)
        #expect(await harness.interpreter.bindings["fine"] == .bool(true))
    }

    @Test func bracketsAtTheLimitEvaluate() async throws {
        let nesting = LanguageLimits.nestingDepth - 1
        let script =
            "let x = " + String(repeating: "(", count: nesting) + "2" + String(repeating: ")", count: nesting) + "\n"
            + "let y = " + String(repeating: "[", count: nesting) + String(repeating: "]", count: nesting) + "\n"
        #expect(try await PlanningHarness(script).run() == nil)
    }
}
