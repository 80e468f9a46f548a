import AthanorTestSupport
import Foundation
import Testing

/// `athanor report` opened in a real browser: the reports of the shared examples, run against the
/// simulator, are loaded by headless Chromium, which runs the page's self-check (`#selfcheck`):
/// heat-map tokens present, 20 alternatives on focus and on hover, one bar per bin and one point
/// per shared point in the SVG plots, sorting, filtering and paging working, no error raised.
@Suite(.enabled(if: HeadlessChromium.installed != nil, Comment(rawValue: HeadlessChromium.missing)))
struct ReportBrowserTests {
    let chromium = HeadlessChromium.installed ?? HeadlessChromium(executable: URL(fileURLWithPath: "/nonexistent"))

    @Test func calibrationAndItsDriftReadInTheBrowser() async throws {
        let bench = try await Workbench.start()
        for _ in 0..<2 {
            let run = try await bench.athanor("run", "calibration.ath")
            #expect(run.status == 0, "\(run.standardError)")
        }
        let file = bench.home.appendingPathComponent("calibration.html").path
        let report = try await bench.athanor("report", "1", "-o", file)
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardError.contains("wrote the report of 1 run (16 points) to \(file)"))

        let check = try SelfCheck(dom: try await chromium.dumpDOM(file, fragment: "#selfcheck"))
        #expect(check.errors == [])
        #expect(check.tokens == 16, "one token per answer (max_tokens: 1)")
        #expect(check.alternativesOnFocus == 20)
        #expect(check.alternativesOnHover == 20)
        #expect(check.histograms.map(\.title) == ["m: first-token probability"])
        for histogram in check.histograms {
            #expect(histogram.bars == 20 && histogram.expectedBars == 20)
            #expect(histogram.counted == 16 && histogram.expectedTotal == 16)
        }
        let table = try #require(check.tables.first)
        #expect(table.rows == 16 && table.rendered == 16)
        #expect(table.sortedAscending)
        #expect(table.filterModel == 16 && table.filterNothing == 0)
        #expect(check.assertions == 2 && check.failingRows == 0)
        #expect(!check.injected)

        let png = bench.home.appendingPathComponent("calibration.png").path
        try await chromium.screenshot(file, fragment: "#show-first-token", to: png)
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(image.count > 20_000, "a rendered page, not a blank one (\(image.count) bytes)")

        let driftFile = bench.home.appendingPathComponent("drift.html").path
        let drift = try await bench.athanor("report", "1", "2", "-o", driftFile)
        #expect(drift.status == 0, "\(drift.standardError)")
        let driftCheck = try SelfCheck(dom: try await chromium.dumpDOM(driftFile, fragment: "#selfcheck"))
        #expect(driftCheck.errors == [])
        #expect(driftCheck.scatters.count == 1)
        #expect(driftCheck.scatters.first?.points == 16 && driftCheck.scatters.first?.expectedPoints == 16)
        #expect(driftCheck.tables.map(\.rows) == [16, 16])
        let html = try String(contentsOfFile: driftFile, encoding: .utf8)
        #expect(html.contains("drift: run 1 → run 2"))
        #expect(html.contains("top-1 agreement"))
    }

    @Test func aConversationShowsEveryTurnWithItsModel() async throws {
        let bench = try await Workbench.start()
        let run = try await bench.athanor("run", "substrate_shift.ath")
        #expect(run.status == 0, "\(run.standardError)")
        let file = bench.home.appendingPathComponent("shift.html").path
        let report = try await bench.athanor("report", "--session", "1", "-o", file)
        #expect(report.status == 0, "\(report.standardError)")

        let check = try SelfCheck(dom: try await chromium.dumpDOM(file, fragment: "#selfcheck"))
        #expect(check.errors == [])
        #expect(check.turns == 48, "12 conversations of 4 turns")
        #expect(Set(check.turnModels) == ["opus", "mini", "llama"])
        #expect(check.turnModels.count == 48)
        #expect(
            check.histograms.map(\.title).sorted() == [
                "llama: first-token probability", "mini: first-token probability", "opus: first-token probability",
            ])
        #expect(check.histograms.reduce(0) { $0 + $1.counted } == 12)
        #expect(check.histograms.allSatisfy { $0.bars == 20 })
        #expect(check.tokens > 48)
        #expect(check.alternativesOnFocus == 20)
        #expect(check.tables.first?.rows == 12)
        #expect(check.assertions == 1)
    }

    /// Anything a run holds is text on the page: a variable, a prompt or a token that spells
    /// markup is shown, never run.
    @Test func markupFromTheDatabaseIsShownAsText() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "hostile.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            sweep s {
              models: [mini]
              prompt: "Repeat {{word}}"
              vars: { word: ["<script>window.reportInjected=true</script>", "</script><script>window.reportInjected=true</script>", "<!-- <img src=x onerror=window.reportInjected=true>"] }
            }
            """)
        let run = try await bench.athanor("run", script)
        #expect(run.status == 0, "\(run.standardError)")
        let file = bench.home.appendingPathComponent("hostile.html").path
        let report = try await bench.athanor("report", "1", "-o", file)
        #expect(report.status == 0, "\(report.standardError)")

        let dom = try await chromium.dumpDOM(file, fragment: "#selfcheck")
        let check = try SelfCheck(dom: dom)
        #expect(!check.injected)
        #expect(check.errors == [])
        #expect(check.tables.first?.rows == 3)
        #expect(dom.contains("<td>&lt;/script&gt;&lt;script&gt;window.reportInjected=true&lt;/script&gt;</td>"))
        #expect(!dom.contains("<img src=\"x\""))
    }
}
