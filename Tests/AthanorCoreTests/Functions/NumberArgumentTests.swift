import AthanorLanguage
import Testing

@testable import AthanorCore

/// Non-finite and overflowing arguments of built-ins are errors, never `[]`, `nan` or a hang.
@Suite struct NumberArgumentTests {
    @Test(arguments: [
        ("range(log(0 - 1))", "range() expects a whole number here, got nan"),
        ("range(exp(1000))", "range() expects a whole number here, got inf"),
        ("range(0 - exp(1000), 3)", "range() expects a whole number here, got -inf"),
        ("range(0, 2000000)", "range(0, 2000000) is too large (at most 1000000 numbers)"),
        ("round(2.5, 400)", "round() cannot round to 400 digits"),
        ("round(2.5, 0 - 400)", "round() cannot round to -400 digits"),
    ])
    func isAnError(_ expression: String, _ message: String) async throws {
        let diagnostic = try #require(try await PlanningHarness("let x = " + expression).run())
        #expect(diagnostic.message == message)
    }

    @Test func roundStillRounds() async throws {
        #expect(try await PlanningHarness("let x = round(2.345, 2)\nlet y = round(1234, 0 - 2)").run() == nil)
    }
}
