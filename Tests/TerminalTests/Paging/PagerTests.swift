import Testing

@testable import Terminal

@Suite struct PagerTests {
    @Test func thePagerComesFromPAGERWithLessAsTheDefaultAndEmptyForNone() {
        #expect(Pager.configured(environment: [:])?.command == "less -FRX")
        #expect(Pager.configured(environment: ["PAGER": "more"])?.command == "more")
        #expect(Pager.configured(environment: ["PAGER": " "]) == nil, "an empty PAGER turns paging off")
    }

    @Test func textIsTallerWhenItsLinesOrWrappedLinesPassTheScreen() {
        let screen = TerminalSize(columns: 10, rows: 5)
        #expect(!Pager.isTaller("1\n2\n3\n4", than: screen), "four lines fit above the prompt")
        #expect(Pager.isTaller("1\n2\n3\n4\n5", than: screen))
        #expect(Pager.isTaller(String(repeating: "x", count: 41), than: screen), "a long line wraps onto five")
        #expect(!Pager.isTaller(String(repeating: "x", count: 40), than: screen))
    }

    @Test func escapeSequencesTakeNoRoom() {
        #expect(Pager.visibleWidth("\u{1B}[32mgreen\u{1B}[0m") == 5)
        #expect(
            !Pager.isTaller(
                "\u{1B}[1m" + String(repeating: "x", count: 10) + "\u{1B}[0m", than: .init(columns: 10, rows: 2)))
    }

    @Test func theEditorIsVisualThenEditorThenVi() {
        #expect(ExternalEditor.configured(environment: [:]).command == "vi")
        #expect(ExternalEditor.configured(environment: ["EDITOR": "nano"]).command == "nano")
        #expect(ExternalEditor.configured(environment: ["EDITOR": "nano", "VISUAL": "code -w"]).command == "code -w")
        #expect(ExternalEditor.configured(environment: ["VISUAL": "", "EDITOR": "ed"]).command == "ed")
    }

    @Test func aFailingEditorIsASentenceAndASavedFileComesBack() throws {
        let failing = ExternalEditor(command: "false")
        let error = #expect(throws: ExternalEditor.Failure.self) { try failing.edit("1 + 1") }
        #expect(error?.description.contains("the editor 'false' failed") == true)
        let appending = ExternalEditor(command: "sh -c 'echo \"+ 1\" >> \"$0\"'")
        #expect(try appending.edit("1") == "1\n+ 1\n")
    }

    @Test func onlyTERMDumbIsDumb() {
        #expect(TerminalSize.isDumb(["TERM": "dumb"]))
        #expect(!TerminalSize.isDumb(["TERM": "xterm-256color"]))
        #expect(!TerminalSize.isDumb([:]))
    }
}
