import AthanorLanguage
import Testing

@testable import AthanorCore

/// Applying a prompt: every argument must fill one of its placeholders.
@Suite struct PromptArgumentTests {
    static let base = """
        model m = "x/y"
        prompt capital = "What is the capital of {{country}}?"
        let country = "France"

        """

    @Test func anArgumentNoPlaceholderUsesIsAnErrorAtItsLabel() async throws {
        let diagnostic = try #require(try await PlanningHarness(Self.base + "ask m capital(contry: \"Peru\")").run())
        #expect(diagnostic.message == "prompt 'capital' has no placeholder '{{contry}}' for this argument")
        #expect(diagnostic.suggestion == "country")
        #expect(diagnostic.range.start.line == 4)
        #expect(diagnostic.range.start.column == 15)
    }

    @Test func anArgumentFarFromEveryPlaceholderHasNoSuggestion() async throws {
        let diagnostic = try #require(try await PlanningHarness(Self.base + "ask m capital(zzz: \"Peru\")").run())
        #expect(diagnostic.message == "prompt 'capital' has no placeholder '{{zzz}}' for this argument")
        #expect(diagnostic.suggestion == nil)
    }

    @Test func anArgumentAPlaceholderUsesIsAccepted() async throws {
        #expect(try await PlanningHarness(Self.base + "ask m capital(country: \"Peru\")").run() == nil)
    }
}
