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
        let text = try HelpTopics.text(for: "functions")
        #expect(text.contains("perplexity"))
        #expect(text.contains("seq_logprob") && text.contains("seq_prob(\"New York\")"))
        #expect(text.contains("turn: n"))
    }

    @Test func anUnknownTopicSuggestsTheNearest() {
        let error = #expect(throws: CellFailure.self) { try HelpTopics.text(for: "swep") }
        guard case .script(let diagnostic)? = error else { Issue.record("not a script error"); return }
        #expect(diagnostic.message.contains("there is no help on 'swep'; did you mean 'sweep'?"))
    }

    @Test func metaListsEveryMetaCommandAndSettingsEverySetting() throws {
        let meta = try HelpTopics.text(for: "meta")
        for command in MetaCommand.allCases { #expect(meta.contains(command.usage)) }
        #expect(meta.contains(":compare A B") && meta.contains(":replay SESSION [offline]"))
        let settings = try HelpTopics.text(for: "settings")
        for setting in SettingName.allCases { #expect(settings.contains(setting.rawValue + " " + setting.values)) }
    }

    @Test func promptHelpSaysWhatAPlaceholderIs() throws {
        let text = try HelpTopics.text(for: "prompt")
        #expect(text.contains("prompt capital = \"Capital of {country}?\""))
        #expect(text.contains("{country} is a placeholder"))
        #expect(text.contains("capital(country: \"Peru\")"))
    }

    @Test func theSummaryFitsTheScreen() throws {
        for line in try HelpTopics.text(for: "").split(separator: "\n") { #expect(line.count <= 100) }
    }
}
