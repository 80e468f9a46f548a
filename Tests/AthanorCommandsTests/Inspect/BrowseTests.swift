import AthanorTestSupport
import Foundation
import Testing

/// `athanor sessions|runs|show|logs` over what a real script stored.
@Suite struct BrowseTests {
    @Test func sessionsRunsShowAndLogsDescribeWhatWasStored() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", "capitals.ath")
        #expect(recorded.status == 1 || recorded.status == 0, "\(recorded.standardError)")

        let sessions = try await bench.athanor("sessions")
        #expect(sessions.status == 0, "\(sessions.standardError)")
        #expect(sessions.standardOutput.contains("script"))
        #expect(sessions.standardOutput.contains("capitals.ath"))

        let runs = try await bench.athanor("runs", "--session", "1", "--status", "completed", "--limit", "1")
        #expect(runs.status == 0, "\(runs.standardError)")
        #expect(runs.standardOutput.contains("capitals"))
        #expect(!runs.standardOutput.contains("ask"), "the limit keeps only the newest run")
        let none = try await bench.athanor("runs", "--status", "failed")
        #expect(!none.standardOutput.contains("capitals"))
        let wrong = try await bench.athanor("runs", "--status", "done")
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("--status must be one of"))

        let show = try await bench.athanor("show", "2")
        #expect(show.status == 0, "\(show.standardError)")
        for expected in [
            "run 2 · capitals · completed", "definition:", "totals: 6 points", "country=Peru", "Lima", "recent logs:",
        ] {
            #expect(show.standardOutput.contains(expected), "missing \(expected)")
        }
        let tokens = try await bench.athanor("show", "2", "--tokens")
        #expect(tokens.standardOutput.contains("top 5"))

        let json = try await bench.athanor("show", "2", "--format", "json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "completed")
        #expect((document["results"] as? [Any])?.count ?? 0 >= 6)

        let logs = try await bench.athanor("logs", "2")
        #expect(logs.standardOutput.contains("run started"))
        #expect(logs.standardOutput.contains("run completed"))
        let errorsOnly = try await bench.athanor("logs", "2", "--level", "error")
        #expect(!errorsOnly.standardOutput.contains("run started"))
        let followed = try await bench.athanor("logs", "2", "--follow")
        #expect(followed.status == 0, "a finished run ends the follow at once")

        let missing = try await bench.athanor("show", "99")
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("there is no run 99"))
    }

    @Test func showAssertsListsTheStoredOutcomes() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", "capitals.ath")
        #expect(recorded.status == 1 || recorded.status == 0, "\(recorded.standardError)")
        let stored = try bench.query(
            "select value->>'assertion', value->>'holds', value->>'passed', value->>'considered' from run_results "
                + "where run_id = 2 and kind = 'assertion' order by id")
        #expect(stored.count == 3)
        let shown = try await bench.athanor("show", "2", "--asserts")
        #expect(shown.status == 0, "\(shown.standardError)")
        let lines = shown.standardOutput.split(separator: "\n").filter { $0.hasPrefix("✓") || $0.hasPrefix("✗") }
        #expect(lines.count == stored.count)
        for (line, row) in zip(lines, stored) {
            #expect(line.hasPrefix(row[1] == "true" ? "✓ held" : "✗ failed"))
            #expect(line.contains(row[0] ?? "?"))
            #expect(line.contains("\(row[2] ?? "?") of \(row[3] ?? "?") passed"))
        }
        let none = try await bench.athanor("show", "1", "--asserts")
        #expect(none.standardOutput.contains("run 1: no assertions were checked against it"))
        let missing = try await bench.athanor("show", "99", "--asserts")
        #expect(missing.status == 2 && missing.standardError.contains("there is no run 99"))
    }
}
