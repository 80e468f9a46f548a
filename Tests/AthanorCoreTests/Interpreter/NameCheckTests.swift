import AthanorLanguage
import Testing

@testable import AthanorCore

@Suite struct NameCheckTests {
    static let base = """
        model m = "x/y"
        sweep s { models: [m], prompt: "{{country}}", vars: { country: ["France"] } }

        """

    @Test func aTypoInAnAssertionFailsBeforeAnyRequest() async throws {
        let diagnostic = try #require(try await PlanningHarness(Self.base + "assert s: contains(output, contry)").run())
        #expect(diagnostic.message == "unknown variable 'contry'")
        #expect(diagnostic.suggestion == "country")
        #expect(diagnostic.range.start.line == 3)
        #expect(diagnostic.range.start.column == 28)
    }

    @Test func anUnknownFunctionInShowIsNamed() async throws {
        let diagnostic = try #require(try await PlanningHarness(Self.base + "show s: prbo(\"x\")").run())
        #expect(diagnostic.message == "unknown function 'prbo'")
        #expect(diagnostic.suggestion == "prob")
    }

    @Test func resultNamesAndVariablesAreKnown() async throws {
        let script =
            Self.base
            + "assert 50% of s where model == m: prob(country) >= 0 and len(tokens) >= 0 and cost == null or true"
        #expect(try await PlanningHarness(script).run() == nil)
    }

    @Test func repeatIsKnownInAssertAndShow() async throws {
        #expect(try await PlanningHarness(Self.base + "assert s: repeat >= 0\nshow s: repeat, output").run() == nil)
        let diagnostic = try #require(try await PlanningHarness(Self.base + "show s: repaet").run())
        #expect(diagnostic.suggestion == "repeat")
    }

    @Test func seqProbAndTurnArePlannedWithoutError() async throws {
        let script = Self.base + "assert s: seq_prob(\"Paris\", turn: 1) == null or prob(\"Paris\", turn: 1) >= 0"
        #expect(try await PlanningHarness(script).run() == nil)
    }
}
