import Testing

@testable import AthanorCommands

@Suite struct NotebookScriptTests {
    @Test func cellsBecomeAScriptWithMarkersAndTitles() {
        let cells = [
            NotebookCell(position: 1, title: nil, source: "model mini = \"openai/gpt-4o-mini\"", status: .succeeded),
            NotebookCell(position: 2, title: nil, source: "ask mini \"Hi\" (", status: .scriptError),
            NotebookCell(
                position: 3, title: "capitals", source: "sweep s {\n  models: [mini]\n  prompt: \"x\"\n}\n",
                status: .cancelled),
            NotebookCell(position: 4, title: nil, source: ":runs 3", status: .succeeded),
            NotebookCell(position: 5, title: nil, source: ":save out.ath", status: .succeeded),
            NotebookCell(position: 6, title: nil, source: ":resume 2", status: .succeeded),
        ]
        #expect(
            NotebookScript.text(for: cells) == """
                # Saved from an athanor session; run it with: athanor run FILE

                # %% [1]
                model mini = "openai/gpt-4o-mini"

                # %% [3] capitals
                sweep s {
                  models: [mini]
                  prompt: "x"
                }

                # %% [4]
                :runs 3

                """)
    }

    @Test func anEmptySessionSavesOnlyTheHeader() {
        #expect(NotebookScript.text(for: []) == "# Saved from an athanor session; run it with: athanor run FILE\n")
    }
}
