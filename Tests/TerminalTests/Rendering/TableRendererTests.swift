import AthanorCore
import Testing

@testable import Terminal

@Suite struct TableRendererTests {
    let plain = TerminalStyle(color: false, width: 40)

    @Test func columnsAreAlignedUnderTheirHeaders() {
        let text = TableRenderer(style: plain).render(
            columns: ["model", "p"], rows: [["mini", "0.93"], ["llama", "1"]])
        #expect(
            text == """
                model  p
                ─────  ────
                mini   0.93
                llama  1
                """)
    }

    @Test func longTextIsCutWithAnEllipsisToFitTheWidth() {
        let long = String(repeating: "word ", count: 30)
        let text = TableRenderer(style: plain).render(columns: ["key", "output"], rows: [["a", long]])
        for line in text.split(separator: "\n") {
            #expect(TextLayout.width(String(line)) <= 40)
        }
        #expect(text.contains("…"))
    }

    @Test func withoutAWidthNothingIsCut() {
        let long = String(String(repeating: "word ", count: 60).dropLast())
        let text = TableRenderer(style: TerminalStyle(color: false, width: nil)).render(
            columns: ["key", "output"], rows: [["a", long]])
        #expect(text.contains(long))
        #expect(!text.contains("…"))
    }

    /// Standard output that is not a terminal has no width unless `COLUMNS` gives one.
    @Test func aPipeHasNoWidthUnlessColumnsSaysOne() {
        #expect(TerminalStyle.width(tty: false, columns: nil) == nil)
        #expect(TerminalStyle.width(tty: false, columns: "") == nil)
        #expect(TerminalStyle.width(tty: false, columns: "0") == nil)
        #expect(TerminalStyle.width(tty: false, columns: "80") == 80)
        #expect(TerminalStyle.width(tty: true, columns: "132") == 132)
    }

    @Test func newlinesInCellsStayOnOneLine() {
        let text = TableRenderer(style: plain).render(columns: ["output"], rows: [["one\ntwo"]])
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.contains("one↵two"))
    }

    @Test func errorsInCellsAreShownAsErrors() {
        let table = ResultTable(
            columns: ["prob(\"x\")"], rows: [[.error("no logprobs from X")], [.value(.number(0.5))]])
        let text = TableRenderer(style: plain).render(table)
        #expect(text.contains("error: no logprobs from X"))
        #expect(text.contains("0.5"))
    }

    @Test func wideCharactersCountTwoColumns() {
        #expect(TextLayout.width("東京") == 4)
        #expect(TextLayout.width("Paris") == 5)
        #expect(TextLayout.fit("東京東京東京", 5) == "東京…")
    }
}
