import AthanorCore
import AthanorLanguage
import Testing

@testable import AthanorCommands

@Suite struct HelpTopicsTests {
    @Test func noTopicGivesTheSummaryNamingEveryTopic() throws {
        let text = try HelpTopics.text(for: "")
        for name in HelpTopics.names { #expect(text.contains(name)) }
        #expect(text.contains(":save FILE"))
    }

    @Test(arguments: ["sweep", "ask", "keys", "functions", "meta", ":set", "models", "SWEEP"])
    func everyTopicAndMetaCommandHasText(topic: String) throws {
        #expect(!(try HelpTopics.text(for: topic)).isEmpty)
    }

    @Test func functionsListsTheBuiltins() throws {
        #expect(try HelpTopics.text(for: "functions").contains("perplexity"))
    }

    @Test func anUnknownTopicSuggestsTheNearest() {
        let error = #expect(throws: CellFailure.self) { try HelpTopics.text(for: "swep") }
        guard case .script(let diagnostic)? = error else { Issue.record("not a script error"); return }
        #expect(diagnostic.message.contains("there is no help on 'swep'; did you mean 'sweep'?"))
    }
}
