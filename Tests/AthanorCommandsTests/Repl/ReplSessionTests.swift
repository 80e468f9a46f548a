import AthanorTestSupport
import Foundation
import Testing

/// The notebook as a person uses it: the real `athanor` on a real pseudo-terminal, against the simulator and a
/// throwaway database (psql's t/010_tab_completion.pl and t/020_cancel.pl, for athanor).
@Suite struct ReplSessionTests {
    /// A prompt containing "slowly" makes the simulator wait 20 s before answering: a sweep to interrupt.
    static let slowScenario = """
        {"rules": [
          {"match": "slowly", "answer": "Late", "fault": "slow"},
          {"match": "The capital of France is", "answer": " Paris.", "confidence": 0.9, "alternatives": [" Lyon"]}
        ]}
        """

    struct Prompt {
        let bench: Workbench
        let terminal: PseudoTerminal
        let state: URL

        /// Starts athanor on a pseudo-terminal; `prepare` may write files into the folder (which holds
        /// `config/`, the XDG_CONFIG_HOME) and returns environment variables to add or remove (nil).
        static func start(
            prepare: (URL) throws -> [String: String?] = { _ in [:] }
        ) async throws -> Prompt {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "athanor-repl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let scenario = folder.appendingPathComponent("scenario.json")
            try ReplSessionTests.slowScenario.write(to: scenario, atomically: true, encoding: .utf8)
            let bench = try await Workbench.start(simulator: ["--scenario", scenario.path, "--slow-ms", "20000"])
            var environment = bench.environment
            environment["TERM"] = "xterm"
            environment["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
            environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path
            environment["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config").path
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
            for (name, value) in try prepare(folder) { environment[name] = value }
            let terminal = try PseudoTerminal(
                executable: try BuiltProduct.url("athanor").path, environment: environment)
            return Prompt(bench: bench, terminal: terminal, state: folder.appendingPathComponent("state"))
        }

        /// Types a line and presses Enter.
        func enter(_ line: String) {
            terminal.send(line)
            terminal.send(key: .enter)
        }

        @discardableResult
        func expect(_ text: String, within seconds: Int = 15) throws -> String {
            try terminal.readUntil(text, timeout: .seconds(seconds))
        }
    }

    @Test func aSessionWithCompletionHistoryMultiLineCellsAndCtrlCIsStored() async throws {
        let repl = try await Prompt.start()
        let banner = try repl.expect("[1]> ", within: 60)
        #expect(banner.contains("athanor 0.1.0"))
        #expect(banner.contains("API key set"))
        #expect(!banner.contains(Workbench.apiKey))

        repl.enter("model mini = \"openai/gpt-4o-mini\" { temperature: 0, max_tokens: 5 }")
        try repl.expect("[2]> ")

        // A bound name completed with TAB, then sent: the answer proves the name was completed.
        repl.terminal.send("ask mi")
        repl.terminal.send(key: .tab)
        try repl.expect("ni ")
        repl.enter("\"The capital of France is\"")
        let answer = try repl.expect("[3]> ")
        #expect(answer.contains("Paris"))
        #expect(answer.contains("█"), "the token table has probability bars")

        // History: Up recalls the last entry, which is edited and run again.
        repl.enter("let x = 41")
        try repl.expect("[4]> ")
        repl.enter("x + 1")
        try repl.expect("42")
        try repl.expect("[5]> ")
        repl.terminal.send(key: .up)
        try repl.expect("x + 1")
        repl.enter(" + 100")
        try repl.expect("142")
        try repl.expect("[6]> ")

        // Ctrl-C on a half-typed line drops it; the cell number stays.
        repl.terminal.send("let dropped = 1")
        try repl.expect("dropped = 1")
        // Text typed the instant the prompt appears can reach a terminal libedit has not yet put in
        // raw mode; the kernel echoes it, and a Ctrl-C then is a signal that flushes the line.
        try await Task.sleep(for: .milliseconds(300))
        repl.terminal.send(key: .ctrlC)
        try repl.expect("[6]> ")

        // A keyword completed with TAB opens a multi-line sweep; Ctrl-C stops it and the prompt comes back.
        repl.terminal.send("swe")
        repl.terminal.send(key: .tab)
        try repl.expect("ep ")
        repl.enter("s {")
        try repl.expect("...> ")
        repl.enter("models: [mini]")
        repl.enter("prompt: \"Answer slowly {n}\"")
        repl.enter("vars: { n: range(3) }")
        repl.enter("}")
        try repl.expect("sweep s")
        try await Task.sleep(for: .milliseconds(500))  // the requests are in flight
        let interrupted = ContinuousClock.now
        repl.terminal.send(key: .ctrlC)
        try repl.expect("[7]> ", within: 10)
        #expect(ContinuousClock.now - interrupted < .seconds(3), "Ctrl-C brings the prompt back promptly")

        // An error leaves the session usable.
        repl.enter("dropped")
        try repl.expect("unknown variable 'dropped'")
        try repl.expect("[8]> ")
        repl.enter(":runs")
        let runs = try repl.expect("[9]> ")
        #expect(runs.contains("status") && runs.contains("cancelled") && runs.contains("completed"))
        repl.enter(":sessions")
        let sessions = try repl.expect("[10]> ")
        #expect(sessions.contains("repl") && sessions.contains("running"))
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)

        let session = try repl.bench.query("SELECT id, kind, status FROM sessions")
        #expect(session.count == 1)
        #expect(session.first?[1] == "repl" && session.first?[2] == "completed")
        let cells = try repl.bench.query("SELECT position, status, source FROM cells ORDER BY position")
        #expect(
            cells.map { $0[1] ?? "" } == [
                "succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "cancelled", "failed", "succeeded",
                "succeeded", "succeeded",
            ])
        #expect(cells[1][2] == "ask mini \"The capital of France is\"")
        #expect(cells[4][2] == "x + 1 + 100")
        #expect(cells[5][2]?.hasPrefix("sweep s {\nmodels: [mini]") == true)
        #expect(
            try repl.bench.scalar("SELECT status FROM experiment_runs WHERE id = (SELECT max(id) FROM experiment_runs)")
                == "cancelled")
        #expect(
            try repl.bench.scalar(
                "SELECT count(*) FROM experiment_runs WHERE status = 'completed' AND cell_id IS NOT NULL") == "1")
    }

    @Test func ctrlDQuitsAndHistoryPersistsPrivately() async throws {
        let repl = try await Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter("let kept = 1")
        try repl.expect("[2]> ")
        repl.enter(" let secret = 2")  // a leading space keeps an entry out of the history
        try repl.expect("[3]> ")
        repl.enter(":history")
        let listed = try repl.expect("[4]> ")
        #expect(listed.contains("1  let kept = 1"))
        #expect(!listed.contains("secret"))
        let script = try repl.bench.script("two.ath", "# %% first\nlet a = 20\n# %% second\na + 22\n")
        repl.enter(":load \(script)")
        try repl.expect("loaded 2 cells")
        try repl.expect("second")
        try repl.expect("42")
        try repl.expect("[7]> ")
        // A ^D typed the instant the prompt appears can reach the terminal before libedit has it in raw mode; it is
        // then the cooked terminal's end-of-file and was seen lost in the switch (1 run in 3), so wait a moment.
        try await Task.sleep(for: .milliseconds(300))
        repl.terminal.send(key: .ctrlD)
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(try repl.bench.scalar("SELECT title FROM cells WHERE position = 6") == "second")

        let path = repl.state.appendingPathComponent("athanor/history").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let history = try String(contentsOfFile: path, encoding: .utf8)
        #expect(history.contains("kept") && !history.contains("secret"))
        #expect(try repl.bench.scalar("SELECT status FROM sessions") == "completed")
    }

    @Test func aSecondCtrlCStopsWaitingAndSettingsApply() async throws {
        let repl = try await Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter(":set top 30")
        try repl.expect("top must be between 0 and 20")
        try repl.expect("[2]> ")
        repl.enter(":set timing on")
        try repl.expect("time: ")
        repl.enter("model mini = \"openai/gpt-4o-mini\"")
        try repl.expect("[4]> ")
        repl.enter("ask mini \"Say it slowly\"")
        try await Task.sleep(for: .milliseconds(700))
        repl.terminal.send(key: .ctrlC)
        try repl.expect("cancelling")
        repl.terminal.send(key: .ctrlC)
        try repl.expect("[5]> ", within: 5)
        repl.enter(":save \(repl.state.path)/saved.ath")
        try repl.expect("saved 3 cells")
        try repl.expect("[6]> ")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
        let saved = try String(contentsOfFile: repl.state.path + "/saved.ath", encoding: .utf8)
        #expect(saved.contains("# %% [3]\nmodel mini = \"openai/gpt-4o-mini\""))
        #expect(!saved.contains(":set top 30"), "a cell that failed is not saved")
    }

    @Test func sigtermCancelsTheRunningCellAndClosesTheSession() async throws {
        let repl = try await Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter("model mini = \"openai/gpt-4o-mini\"")
        try repl.expect("[2]> ")
        repl.enter("ask mini \"Say it slowly\"")
        try await waitUntil { (try? repl.bench.scalar("SELECT status FROM experiment_runs")) == "running" }
        kill(repl.terminal.processID, SIGTERM)
        try repl.expect("SIGTERM: session 1 closed", within: 10)
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 128 + SIGTERM)
        #expect(try repl.bench.scalar("SELECT status FROM sessions") == "cancelled")
        #expect(try repl.bench.scalar("SELECT status FROM experiment_runs") == "cancelled")
        #expect(try repl.bench.scalar("SELECT status FROM cells WHERE position = 2") == "cancelled")
    }

    @Test func sighupAtThePromptClosesTheSession() async throws {
        let repl = try await Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter("let kept = 1")
        try repl.expect("[2]> ")
        kill(repl.terminal.processID, SIGHUP)
        try repl.expect("SIGHUP: session 1 closed", within: 10)
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 128 + SIGHUP)
        #expect(try repl.bench.scalar("SELECT status FROM sessions") == "cancelled")
        #expect(try repl.bench.scalar("SELECT status FROM cells WHERE position = 1") == "succeeded")
    }
}
