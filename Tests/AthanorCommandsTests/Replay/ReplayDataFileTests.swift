import AthanorTestSupport
import Foundation
import Testing

/// A session keeps the data files it read: `replay` runs the stored rows from any folder, whatever
/// became of the files, and `replay --offline --with FILE` checks a new script against the stored
/// answers without sending anything.
@Suite struct ReplayDataFileTests {
    static let countries = "country\nFrance\nJapan\nPeru\n"
    /// `sha256sum` of `countries`.
    static let countriesHash = "a441e08e8cafb84df30a48be07a99d8bfcb786629faa5c09a1d4e7d8f4b5f516"

    static let script = """
        model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        # %% Sweep
        sweep capitals {
          models: [mini]
          prompt: "What is the capital of {{country}}?"
          vars: csv("countries.csv")
        }
        # %% Checks
        assert capitals: prob(output) > 0.5
        """

    /// Runs `script` once (reading countries.csv beside it) and returns the empty folder to replay from.
    private func record(_ bench: Workbench) async throws -> URL {
        _ = try bench.script("countries.csv", Self.countries)
        let recorded = try await bench.athanor("run", try bench.script("capitals.ath", Self.script))
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let elsewhere = bench.home.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        return elsewhere
    }

    @Test func aSessionKeepsEachDataFileOnceByItsHash() async throws {
        let bench = try await Workbench.start()
        _ = try await record(bench)
        let again = try await bench.athanor("run", bench.home.appendingPathComponent("capitals.ath").path)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            try bench.query("select encode(sha256, 'hex'), bytes, content from data_files") == [
                [Self.countriesHash, "\(Self.countries.utf8.count)", Self.countries]
            ])
        let path = bench.home.appendingPathComponent("countries.csv").path
        #expect(
            try bench.query(
                """
                select f.session_id, c.position, f.path, f.resolved_path, encode(f.sha256, 'hex')
                from session_data_files f join cells c on c.id = f.cell_id order by f.id
                """) == [
                    ["1", "2", "countries.csv", path, Self.countriesHash],
                    ["2", "2", "countries.csv", path, Self.countriesHash],
                ])
    }

    @Test func anOfflineReplayRunsTheStoredRowsFromAnotherFolder() async throws {
        let bench = try await Workbench.start()
        let elsewhere = try await record(bench)
        // The file now holds other rows; the replay runs in a folder without it.
        _ = try bench.script("countries.csv", "country\nChile\n")
        let replay = try await bench.athanor(in: elsewhere, "replay", "1", "--offline")
        #expect(replay.status == 0, "\(replay.standardError)\n\(replay.standardOutput)")
        #expect(replay.standardOutput.contains("3 answers from storage, 0 requests sent"))
        #expect(replay.standardOutput.contains("3 of 3 held"))
        #expect(
            (replay.standardOutput + replay.standardError).contains(
                "data file 'countries.csv' (\(bench.home.appendingPathComponent("countries.csv").path)) changed "
                    + "since session 1 read it; the replay uses the stored copy"))
        #expect(try bench.scalar("select count(*) from data_files") == "1")
        #expect(try bench.scalar("select count(*) from session_data_files where session_id = 2") == "1")
        // Live too: the replay asks the original's questions, not the file's new rows.
        let live = try await bench.athanor(in: elsewhere, "replay", "1", "--diff")
        #expect(live.status == 0, "\(live.standardError)\n\(live.standardOutput)")
        #expect(live.standardOutput.contains("no answer changed (3 points compared)"))
    }

    @Test func withAScriptChecksNewAssertionsAgainstTheStoredAnswers() async throws {
        let bench = try await Workbench.start()
        let elsewhere = try await record(bench)
        try FileManager.default.removeItem(at: bench.home.appendingPathComponent("countries.csv"))
        try await bench.simulator.reset()
        let checks = try bench.script(
            "checks.ath",
            Self.script + """

                assert capitals: output == "nowhere"
                show capitals: country, output
                """)
        let replay = try await bench.athanor(in: elsewhere, "replay", "1", "--offline", "--with", checks)
        #expect(replay.status == 1, "a failing assertion exits 1: \(replay.standardError)\n\(replay.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(replay.standardOutput.contains("3 of 3 held"))
        #expect(replay.standardOutput.contains("0 of 3 held"))
        #expect(replay.standardOutput.contains("Tokyo"))
        #expect(replay.standardOutput.contains("3 answers from storage, 0 requests sent"))
        #expect(
            try bench.query("select kind, replay_of, status from sessions where id = 2") == [
                ["replay", "1", "completed"]
            ])
    }

    @Test func withAScriptAskingWhatTheSessionNeverAnsweredSendsNothing() async throws {
        let bench = try await Workbench.start()
        let elsewhere = try await record(bench)
        try await bench.simulator.reset()
        let more = try bench.script(
            "more.ath",
            Self.script.replacingOccurrences(of: #"csv("countries.csv")"#, with: #"{ country: ["France", "Chile"] }"#))
        let replay = try await bench.athanor(in: elsewhere, "replay", "1", "--offline", "--with", more)
        #expect(replay.status == 2, "\(replay.standardError)")
        #expect(replay.standardError.contains("session 1 has no stored answer for point model=mini;country=Chile"))
        #expect(replay.standardError.contains("an offline replay sends nothing"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "1")
    }
}
