import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// A sweep variable that only multiplies the plan by identical requests is a warning before
/// anything is sent; a variable whose every value comes with a request of its own is not.
@Suite struct UnusedVariableTests {
    static let models = """
        model mini = "openai/gpt-4o-mini" { temperature: 0 }
        model big = "openai/gpt-4o" { temperature: 0 }

        """

    private func warnings(_ script: String, sweep: String = "s") async throws -> [Diagnostic] {
        let harness = PlanningHarness(Self.models + script)
        #expect(try await harness.run() == nil)
        return try await harness.plan(sweep: sweep).warnings
    }

    @Test func aVariableNoPlaceholderReadsIsCountedAndLocatedAtItsKey() async throws {
        let harness = PlanningHarness(
            Self.models + """
                sweep s {
                  models: [mini, big]
                  prompt: "What is the capital of {{country}}?"
                  vars: { country: ["France", "Japan", "Peru"], lang: ["en", "fr"] }
                }
                """)
        #expect(try await harness.run() == nil)
        let message =
            "sweep variable 'lang' is read by neither the prompt nor model:; it makes 6 identical requests "
            + "(12 planned, 6 distinct)"
        let plan = try await harness.plan(sweep: "s")
        #expect(plan.warnings.map(\.message) == [message])
        #expect(plan.warnings.map(\.severity) == [.warning])
        #expect(plan.warnings.first?.range.description == "6:49")
        #expect(harness.events.warnings == ["test.ath:6:49: " + message], "shown after the dry run's plan")
    }

    @Test func placeholderPathsPromptArgumentsAndModelCountAsReading() async throws {
        #expect(
            try await warnings(
                """
                sweep s {
                  models: [mini]
                  prompt: "Is this true? {{row.statement}}"
                  vars: { row: csv("statements.csv") }
                }
                """
            ).isEmpty)
        #expect(
            try await warnings(
                """
                let by = { small: mini, large: big }
                sweep s {
                  model: by[size]
                  prompt: "Hello"
                  vars: { size: ["small", "large"] }
                }
                """
            ).isEmpty)
        // A placeholder the prompt's arguments fill does not read the sweep's variable of that name.
        let filled = try await warnings(
            """
            prompt ask_about = "Tell me about {{country}}."
            sweep s {
              models: [mini]
              prompt: ask_about(country: "Peru")
              vars: { country: ["France", "Japan"] }
            }
            """)
        #expect(filled.map(\.message).first?.hasPrefix("sweep variable 'country'") == true)
    }

    @Test func aColumnOnlyAnAssertionReadsDoesNotWarnWhileRowsDiffer() async throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Examples/calibration.ath").standardized
        let harness = PlanningHarness(try String(contentsOf: examples, encoding: .utf8), name: "calibration.ath")
        #expect(try await harness.run() == nil)
        #expect(try await harness.plan(sweep: "calib").warnings.isEmpty)
        #expect(harness.events.warnings.isEmpty)
    }

    @Test func rowsThatDifferOnlyInAnUnreadColumnWarnAtVarsPerRepeat() async throws {
        let found = try await warnings(
            """
            sweep s {
              models: [mini]
              prompt: "Is this true? {{statement}}"
              vars: [
                { statement: "Water is wet.", truth: "true" },
                { statement: "Water is wet.", truth: "false" },
                { statement: "Fire is cold.", truth: "false" },
              ]
              repeat: 2
            }
            """)
        #expect(
            found.map(\.message) == [
                "sweep variable 'truth' is read by neither the prompt nor model:; it makes 1 identical request "
                    + "(3 planned per repeat, 2 distinct)"
            ])
        #expect(found.first?.range.description == "6:9")
    }

    @Test func aValueListedTwiceIsNotBlamedOnAnotherVariable() async throws {
        let found = try await warnings(
            """
            sweep s {
              models: [mini]
              prompt: "{{country}}"
              vars: { country: ["France", "France"], note: ["only"] }
            }
            """)
        #expect(found.isEmpty)
    }

    @Test func eachUnreadColumnOfAProductIsCountedByItsDifferentValues() async throws {
        let found = try await warnings(
            """
            sweep s {
              models: [mini, big]
              prompt: "{{country}}"
              vars: { lang: ["en", "en", "fr"], country: ["France", "Japan"], seed: [1, 2, 3] }
            }
            """)
        #expect(
            found.map(\.message) == [
                "sweep variable 'lang' is read by neither the prompt nor model:; it makes 4 identical requests "
                    + "(36 planned, 4 distinct)",
                "sweep variable 'seed' is read by neither the prompt nor model:; it makes 8 identical requests "
                    + "(36 planned, 4 distinct)",
            ])
    }

    @Test func aVariableOnlyScoreReadsMakesNoIdenticalRequests() async throws {
        let found = try await warnings(
            """
            let targets = { whole: "Memory gives identity", off: "Memory zzz" }
            sweep s {
              models: [mini]
              prompt: "Tell me about memory and identity."
              vars:   { which: ["whole", "off"], rows: [{ t: "a" }, { t: "b" }] }
              score:  targets[which] + rows.t
            }
            """)
        #expect(found.isEmpty, "each point scores its own continuation: \(found.map(\.message))")
    }

    @Test func theRowsWithUnreadColumnsFixedAreThoseAtTheirFirstValue() throws {
        let rows = try VariableRows.product(
            of: Record([
                .init("a", .list([.number(1), .number(2)])), .init("b", .list([.string("x"), .string("y")])),
                .init("c", .list([.number(0), .number(1), .number(2)])),
            ]), at: .none, what: "vars")
        #expect(rows.rows(fixing: ["b"], limit: 100) == [0, 1, 2, 6, 7, 8])
        #expect(rows.rows(fixing: ["b"], limit: 5) == nil)
        #expect(rows.rows(fixing: ["a", "b", "c"], limit: 1) == [0])
        #expect(rows.distinctValues(of: "c") == 3)
    }
}
