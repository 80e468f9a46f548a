import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// Runs a stored session's cells again, in order, as a new session whose `replay_of` is the
/// original; live (optionally through the response cache) or offline from the original's answers.
///
/// Each stored cell's source is parsed as one cell (as the REPL does) and run with a fresh
/// interpreter, so bindings flow from cell to cell as they did. Offline, before each cell the
/// `StoredResponseProvider` is loaded with the results of the original cell at the same position
/// (see it for how requests are matched). Like a script, the replay stops at a cell that fails;
/// a failed assertion does not stop it. `csv()` paths resolve against the original script's folder
/// when it still exists there, else the current folder.
struct ReplayRunner: Sendable {
    struct Outcome: Sendable {
        var sessionID: Int64
        var status: ExitStatus
        /// Pairs of (original run, replayed run), by cell position and order within the cell.
        var runPairs: [(cell: Int, old: Int64, new: Int64)]
        /// Requests answered from the original's storage (offline only).
        var served: Int
    }

    var originalSessionID: Int64
    var offline: Bool
    var settings: Interpreter.Settings
    var output: any CellOutput
    var commands: (any MetaCommandHandler)?
    /// Where a script error's diagnostic goes (standard error for the CLI).
    var report: @Sendable (String) -> Void

    func run(store: any RunStore, liveProvider: @Sendable () -> any CompletionProvider) async throws -> Outcome {
        guard let original = try await store.session(id: originalSessionID) else {
            throw InspectionError.noSession(originalSessionID)
        }
        let cells = try await store.cells(sessionID: original.id)
        let stored = StoredResponseProvider()
        let provider: any CompletionProvider = offline ? stored : liveProvider()
        let sessionID = try await store.startSession(
            NewSession(
                kind: .replay, sourcePath: original.sourcePath, replayOf: original.id,
                metadata: ["offline": .bool(offline), "cells": .number(Double(cells.count))]))
        let interpreter = Interpreter(
            services: .init(
                provider: provider, store: store, sessionID: sessionID, baseDirectory: baseDirectory(original),
                output: output, commands: commands),
            settings: settings)
        var outcome = Outcome(sessionID: sessionID, status: .success, runPairs: [], served: 0)
        for cell in cells {
            let file = SourceFile(name: "session \(original.id) cell \(cell.position)", text: cell.source)
            let parsed = Parser.parseEntry(file)
            guard parsed.diagnostics.isEmpty, var entry = parsed.script.cells.first else {
                for diagnostic in parsed.diagnostics {
                    report(DiagnosticRenderer.render(diagnostic, in: file, color: false))
                }
                try? await store.finishSession(id: sessionID, status: .failed)
                outcome.status = .scriptError
                return outcome
            }
            entry.title = cell.title
            if offline {
                var results: [ResultValue] = []
                for runID in cell.runIDs { results += try await StoredRuns.results(runID, from: store) }
                stored.load(results)
            }
            let cellID = try await store.startCell(
                NewCell(sessionID: sessionID, position: cell.position, title: cell.title, source: cell.source))
            do {
                let result = try await interpreter.run(entry, in: file, cellID: cellID)
                if result.assertionsFailed > 0 { outcome.status = .assertionFailed }
                for (old, new) in zip(cell.runIDs, result.runIDs) { outcome.runPairs.append((cell.position, old, new)) }
                try? await store.finishCell(
                    id: cellID, outcome: CellOutcome(status: .succeeded, output: captured(), runIDs: result.runIDs))
            } catch {
                if case .script(let diagnostic) = error {
                    report(DiagnosticRenderer.render(diagnostic, in: file, color: false))
                }
                report("athanor: replay stopped at cell \(cell.position): \(Self.describe(error))")
                try? await store.finishCell(
                    id: cellID,
                    outcome: CellOutcome(
                        status: error.isCancellation ? .cancelled : .failed, output: captured(), error: "\(error)"))
                try? await store.finishSession(id: sessionID, status: error.isCancellation ? .cancelled : .failed)
                outcome.status = ExitStatus(error)
                outcome.served = stored.servedCount
                return outcome
            }
        }
        try? await store.finishSession(id: sessionID, status: .completed)
        outcome.served = stored.servedCount
        return outcome
    }

    private func captured() -> String {
        (output as? TerminalOutput)?.takeCaptured() ?? ""
    }

    private func baseDirectory(_ session: StoredSession) -> URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let path = session.sourcePath, FileManager.default.fileExists(atPath: path) else { return current }
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    private static func describe(_ failure: CellFailure) -> String {
        switch failure {
        case .script: "the cell is wrong"
        case .provider(let message): message
        case .store(let message): "the database failed: \(message)"
        case .cancelled: "interrupted"
        }
    }
}
