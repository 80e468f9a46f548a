import AthanorTestSupport
import Testing

/// Tables written to a pipe or a file keep every cell whole; on a terminal (or with `COLUMNS`)
/// they fit the width.
@Suite struct PipedTableTests {
    static let word = String(repeating: "antidisestablishmentarianism", count: 6)

    @Test func aPipedTableKeepsEveryCellWhole() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "long.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            prompt say { user "Say {{word}}" }
            sweep \(Self.word) {
              models: [mini]
              prompt: say
              vars: { word: ["\(Self.word)"] }
            }
            show \(Self.word): word, output

            """)
        // No COLUMNS, and standard output is a pipe: no width.
        let unset = ["COLUMNS": ""]
        let ran = try await bench.athanor("run", script, environment: unset)
        #expect(ran.status == 0, "\(ran.standardError)")
        #expect(ran.standardOutput.contains(Self.word), "the 'show' table in full")
        let runs = try await bench.athanor("runs", environment: unset)
        #expect(runs.standardOutput.contains(Self.word), "\(runs.standardOutput)")
        #expect(!runs.standardOutput.contains("…"))

        // COLUMNS still says a width when set.
        let narrow = try await bench.athanor("runs", environment: ["COLUMNS": "80"])
        #expect(!narrow.standardOutput.contains(Self.word))
        #expect(narrow.standardOutput.contains("…"))
    }
}
