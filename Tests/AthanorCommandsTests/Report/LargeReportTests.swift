import AthanorTestSupport
import Foundation
import Testing

/// The report of a 10,000-point run: under 20 MB, written in flat memory, and every point reachable
/// by sorting, filtering and paging. How soon it is ready in the browser is a speed goal (under
/// 2 s), measured and printed by `Scripts/bench --report`, not asserted here.
@Suite(.enabled(if: HeadlessChromium.installed != nil, Comment(rawValue: HeadlessChromium.missing)))
struct LargeReportTests {
    let chromium = HeadlessChromium.installed ?? HeadlessChromium(executable: URL(fileURLWithPath: "/nonexistent"))

    @Test func tenThousandPointsOpenQuicklyAndStaySmall() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "0"])
        let script = try bench.script(
            "large.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 5, top_logprobs: 20 }
            model llama = "meta-llama/llama-3.1-8b-instruct" { max_tokens: 5, top_logprobs: 20 }
            sweep large { models: [mini, llama], prompt: "Count to {{n}}", vars: { n: range(0, 5000) }, concurrency: 50 }
            """)
        let run = try await AthanorProcess.run(
            ["run", script], environment: bench.environment, timeout: .seconds(300))
        #expect(run.status == 0, "\(run.standardError)")
        let file = bench.home.appendingPathComponent("large.html").path
        let report = try await MeasuredProcess.run(
            ["report", "1", "-o", file], environment: bench.environment, timeout: .seconds(300))
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardError.contains("(10000 points)"))
        #expect(report.maximumResidentBytes < 150 << 20, "\(report.maximumResidentBytes >> 20) MB")
        #expect(report.residentReadings > 0, "its memory was read (a peak never read is 0)")

        let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        #expect(size < 20_000_000, "\(size) bytes")
        let check = try SelfCheck(dom: try await chromium.dumpDOM(file, fragment: "#selfcheck"))
        #expect(check.errors == [])
        let table = try #require(check.tables.first)
        #expect(table.rows == 10_000)
        #expect(table.rendered == 100 && table.secondPageRows == 100)
        #expect(table.sortedAscending)
        #expect(table.filterModel == 5000 && table.filterNothing == 0)
        #expect(check.tokens == 500, "100 rows of 5 tokens on the first screen")
        #expect(check.alternativesOnFocus == 20)
        #expect(check.histograms.map(\.counted) == [5000, 5000])
    }
}
