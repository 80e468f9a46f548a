import AthanorCore
import Foundation

/// `:runs`, `:show`, `:logs`, `:sessions`, `:compare`, `:replay` and `:resume`: the same code as the
/// `athanor runs|show|logs|sessions|replay|resume` commands (`Inspector`, `ReplayRunner`,
/// `RunResumer`), at the prompt.
extension MetaCommands {
    func listRuns(_ argument: String, output: any CellOutput) async throws {
        try await inspector(output).runs(limit: try count(argument, for: "runs", default: 10))
    }

    func showRun(_ argument: String, output: any CellOutput) async throws {
        let words = argument.split(separator: " ").map(String.init)
        let id = try runID(words.first ?? "", for: "show")
        try await inspector(output).show(run: id, tokens: words.dropFirst().contains("tokens"))
    }

    func showLogs(_ argument: String, output: any CellOutput) async throws {
        try await inspector(output).logs(run: try runID(argument, for: "logs"))
    }

    func listSessions(_ argument: String, output: any CellOutput) async throws {
        try await inspector(output).sessions(limit: try count(argument, for: "sessions", default: 10))
    }

    /// `:compare A B`: drift between two stored runs (same measures as `compare(a, b)`).
    func compareRuns(_ argument: String, output: any CellOutput) async throws {
        let ids = argument.split(separator: " ").compactMap { Int64($0) }
        guard ids.count == 2, ids.allSatisfy({ $0 > 0 }) else {
            throw Self.usage(":compare needs two run ids, e.g. :compare 12 15")
        }

        let (_, old) = try await StoredRuns.load(ids[0], from: store)
        let (_, new) = try await StoredRuns.load(ids[1], from: store)
        DriftReport(comparisons: [(0, RunComparison(old: old, new: new))]).emit(to: output)
    }

    /// `:replay SESSION [offline]`: a stored session run again as a new session.
    func replaySession(_ argument: String, output: any CellOutput) async throws {
        let words = argument.split(separator: " ").map(String.init)
        guard let id = words.first.flatMap({ Int64($0) }), id > 0 else {
            throw Self.usage(":replay needs a session id, e.g. :replay 3 (add 'offline' to send nothing)")
        }
        let offline = words.dropFirst().contains { $0 == "offline" || $0 == "--offline" }
        guard offline || provider != nil else {
            throw Self.usage(":replay here can only be offline: :replay \(id) offline")
        }

        let runner = ReplayRunner(
            originalSessionID: id, offline: offline, settings: Interpreter.Settings(), output: output,
            commands: MetaCommands(store: store, renderer: renderer), report: { output.emit(.warning($0)) })
        let live = provider
        let outcome = try await runner.run(store: store, liveProvider: { live?() ?? StoredResponseProvider() })
        var line = "replay of session \(id) is session \(outcome.sessionID)"
        if offline { line += ": \(outcome.served) answers from storage, 0 requests sent" }
        output.emit(.text(line))
        try await DriftReport.load(outcome.runPairs, from: store).emit(to: output)
    }

    /// `:resume RUN`: an interrupted or cancelled run finished from here, into the same run.
    func resumeRun(_ argument: String, output: any CellOutput) async throws {
        let id = try runID(argument, for: "resume")
        guard let provider else {
            throw Self.usage(":resume sends requests, which cannot be done here; use 'athanor resume \(id)'")
        }
        let resumer = RunResumer(
            store: store, provider: provider(), output: output, report: { output.emit(.text($0)) })
        try await resumer.resume(id)
    }

    /// `athanor watch` at the prompt: the run's new log lines and, every two seconds, its progress
    /// (and its workers), as plain lines of the cell's output, until the run ends or Ctrl-C.
    func watchRun(_ argument: String, output: any CellOutput) async throws {
        let id = try runID(argument, for: "watch")
        let display = WatchDisplay(
            isTerminal: false, interval: .seconds(2),
            write: { text in
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    output.emit(.text(String(line)))
                }
            })
        do {
            _ = try await RunWatcher(store: store, runID: id, display: display).watch()
        } catch is CancellationError {
            output.emit(.text("stopped watching run \(id)"))
        }
    }

    private func inspector(_ output: any CellOutput) throws -> Inspector {
        Inspector(store: store, output: output)
    }
}
