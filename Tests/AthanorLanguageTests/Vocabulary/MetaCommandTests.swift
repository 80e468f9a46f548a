import AthanorLanguage
import Testing

@Suite struct MetaCommandTests {
    @Test func namesAndTheQuitAlias() {
        #expect(MetaCommand(name: "q") == .quit)
        #expect(MetaCommand(name: "compare") == .compare)
        #expect(MetaCommand(name: "replay") == .replay)
        #expect(MetaCommand(name: "Show") == nil, "names are lower case, as typed")
        #expect(MetaCommand(name: "") == nil)
    }

    @Test func everyCommandHasAUsageStartingWithItsNameAndASummary() {
        for command in MetaCommand.allCases {
            #expect(command.usage.hasPrefix(":" + command.rawValue))
            #expect(!command.summary.isEmpty)
        }
    }

    @Test func promptOnlyCommandsAreTheOnesAScriptCannotRun() {
        #expect(MetaCommand.allCases.filter(\.isPromptOnly) == [.resume, .load, .save, .edit, .history, .quit])
    }

    @Test func argumentsSayWhatTabOffers() {
        #expect(MetaCommand.show.argument == .runID)
        #expect(MetaCommand.compare.argument == .runID)
        #expect(MetaCommand.help.argument == .helpTopic)
        #expect(MetaCommand.set.argument == .setting)
        #expect(MetaCommand.load.argument == .path)
    }
}
