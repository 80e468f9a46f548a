import AthanorLanguage
import Testing

@Suite struct HelpTopicTests {
    @Test func topicsMetaCommandsAndTheirColonsAreFound() {
        #expect(HelpTopic(asked: "sweep") == .sweep)
        #expect(HelpTopic(asked: "SETTINGS") == .settings)
        #expect(HelpTopic(asked: ":compare") == .meta)
        #expect(HelpTopic(asked: "replay") == .meta)
        #expect(HelpTopic(asked: "q") == .meta)
        #expect(HelpTopic(asked: "show") == .show, "the statement, not the meta-command")
        #expect(HelpTopic(asked: "commands") == .meta)
        #expect(HelpTopic(asked: "swep") == nil)
    }
}
