import AthanorTestSupport
import Foundation
import Testing

/// `athanor report` from the command line, without a browser: what it writes, where, and what it
/// says when asked for something that is not there.
@Suite struct ReportCommandTests {
    @Test func aRunsReportIsOneSelfContainedFile() async throws {
        let bench = try await Workbench.start()
        let run = try await bench.athanor("run", "calibration.ath")
        #expect(run.status == 0, "\(run.standardError)")
        // In a folder of its own: the default file is written where athanor runs.
        let report = try await AthanorProcess.run(
            ["report", "1"], environment: bench.environment, directory: bench.home)
        #expect(report.status == 0, "\(report.standardError)")
        let file = bench.home.appendingPathComponent("report-1.html")
        #expect(report.standardError.contains("wrote the report of 1 run (16 points) to report-1.html"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.hasSuffix("</html>\n"))
        for remote in ["http://", "https://", "src=", "@import", "url("] {
            #expect(!html.contains(remote), "nothing fetched when opened: found \(remote)")
        }
        #expect(html.contains("run 1 · calib"))
        #expect(html.components(separatedBy: "✓ held").count - 1 == 2, "both assertions, as stored")
        #expect(html.contains("16 of 16 passed (needs all)"))
        #expect(html.contains("m: first-token probability"))
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count - 1 == 20)
        #expect(html.contains("$0.0000"))
        #expect(!html.contains(Workbench.apiKey))
    }

    @Test func standardOutputAndASessionsRuns() async throws {
        let bench = try await Workbench.start()
        let run = try await bench.athanor("run", "capitals.ath")
        #expect(run.status == 0, "\(run.standardError)")
        let report = try await bench.athanor("report", "--session", "1", "-o", "-")
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardOutput.hasPrefix("<!doctype html>"))
        #expect(report.standardOutput.contains("athanor report: session 1"))
        #expect(report.standardOutput.contains("id=\"run-1\""))
        #expect(report.standardOutput.contains("id=\"run-2\""))
        #expect(report.standardError.isEmpty)
    }

    @Test func aChosenExpressionIsPlottedPerModel() async throws {
        let bench = try await Workbench.start()
        let run = try await bench.athanor("run", "calibration.ath")
        #expect(run.status == 0, "\(run.standardError)")
        let report = try await bench.athanor("report", "1", "--histogram", "prob(\"Yes\") > 0.5", "-o", "-")
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardOutput.contains("m · prob(&quot;Yes&quot;) &gt; 0.5 of 16 answers</figcaption>"))
        let counts = report.standardOutput.components(separatedBy: "data-count=\"").dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(counts.count == 20)
        #expect(counts.reduce(0, +) == 16)
        #expect(counts[1...18].allSatisfy { $0 == 0 }, "a comparison is 0 or 1")
        let wrong = try await bench.athanor("report", "1", "--histogram", "prob(\"Yes\"", "-o", "-")
        #expect(wrong.status == 2)
        #expect(wrong.standardError.hasPrefix("--histogram:1:11: error: "))
        #expect(wrong.standardOutput.isEmpty)
    }

    @Test func watchKeepsARunsReportUpToDateUntilItEnds() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "40"])
        let script = try bench.script(
            "slow.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            sweep slow { models: [mini], prompt: "Count to {{n}}", vars: { n: range(0, 200) }, concurrency: 2 }
            """)
        let running = try bench.launch("run", script)
        try await bench.waitForResults(atLeast: 2)
        let file = bench.home.appendingPathComponent("live.html").path
        let watching = Task { try await bench.athanor("report", "--watch", "1", "-o", file) }
        try await waitUntil { FileManager.default.fileExists(atPath: file) }
        let live = try String(contentsOfFile: file, encoding: .utf8)
        #expect(live.contains("<meta http-equiv=\"refresh\" content=\"2\">"), "a live page reloads itself")
        #expect(live.contains("<title>athanor report: run 1 (live)</title>"))
        let watched = try await watching.value
        running.waitUntilExit()
        #expect(watched.status == 0, "\(watched.standardError)")
        #expect(watched.standardError.contains("rewriting it as run 1 goes"))
        #expect(watched.standardError.contains("wrote the report of 1 run (200 points) to \(file)"))
        #expect(watched.standardError.hasSuffix("; run 1 completed\n"))
        let final = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!final.contains("http-equiv=\"refresh\""), "the last version stays put")
        #expect(final.contains("<title>athanor report: run 1</title>"))
        let twoRuns = try await bench.athanor("report", "--watch", "1", "2")
        #expect(twoRuns.status == 64)
        #expect(twoRuns.standardError.contains("--watch follows one run into a file"))
    }

    @Test func openHandsTheFileToTheDesktopsOpener() async throws {
        let bench = try await Workbench.start()
        let run = try await bench.athanor("run", "hello.ath")
        #expect(run.status == 0, "\(run.standardError)")
        let bin = bench.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let opened = bench.home.appendingPathComponent("opened.txt").path
        let opener = bin.appendingPathComponent("xdg-open").path
        try "#!/bin/sh\necho \"$1\" > \(opened)\n".write(toFile: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener)
        let file = bench.home.appendingPathComponent("hello.html").path
        let report = try await bench.athanor("report", "1", "-o", file, "--open", environment: ["PATH": bin.path])
        #expect(report.status == 0, "\(report.standardError)")
        try await waitUntil { FileManager.default.fileExists(atPath: opened) }
        #expect(try String(contentsOfFile: opened, encoding: .utf8) == file + "\n")

        let nowhere = try await bench.athanor(
            "report", "1", "-o", file, "--open", environment: ["PATH": bench.home.path])
        #expect(nowhere.status == 0, "the report is written all the same")
        #expect(
            nowhere.standardError.contains("cannot open the report: no 'xdg-open' on PATH; open \(file) in a browser"))
    }

    @Test func wrongRequestsAreSaidNotCrashed() async throws {
        let bench = try await Workbench.start()
        let missing = try await bench.athanor("report", "7", "-o", bench.home.appendingPathComponent("x.html").path)
        #expect(missing.status == 2)
        #expect(missing.standardError == "athanor: there is no run 7; 'athanor runs' lists them\n")
        #expect(!FileManager.default.fileExists(atPath: bench.home.appendingPathComponent("x.html").path))
        let noSession = try await bench.athanor("report", "--session", "4", "-o", "-")
        #expect(noSession.status == 2)
        #expect(noSession.standardError.contains("there is no session 4"))
        let nothing = try await bench.athanor("report")
        #expect(nothing.status == 64)
        #expect(nothing.standardError.contains("give one or more run ids, or --session S"))
        let both = try await bench.athanor("report", "1", "--session", "1")
        #expect(both.status == 64)
        #expect(both.standardError.contains("not both"))
        let unwritable = try await bench.athanor("report", "7", "-o", "/nonexistent/dir/r.html")
        #expect(unwritable.status == 2)
        #expect(unwritable.standardError.hasPrefix("athanor: cannot write '/nonexistent/dir/r.html': "))
    }
}
