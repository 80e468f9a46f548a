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
/// a failed assertion does not stop it. `csv()` and `jsonl()` read the copies of their files stored
/// with the original session (`DataFiles`), never the disk; a session stored before v0009 kept
/// none, and its paths resolve against the original script's folder when it still exists there,
/// else the current folder.
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
        let dataFiles = DataFiles(
            replaying: .init(sessionID: original.id, files: try await store.dataFiles(sessionID: original.id)))
        let stored = StoredResponseProvider()
        let provider: any CompletionProvider = offline ? stored : liveProvider()
        let (output, commands, settings) = (output, commands, settings)
        let runner = try await SessionRunner.start(
            NewSession(
                kind: .replay, sourcePath: original.sourcePath, replayOf: original.id,
                metadata: ["offline": .bool(offline), "cells": .number(Double(cells.count))]),
            store: store, captured: { (output as? TerminalOutput)?.takeCaptured() ?? "" },
            interpreter: { id in
                Interpreter(
                    services: .init(
                        provider: provider, store: store, sessionID: id, baseDirectory: baseDirectory(original),
                        output: output, commands: commands, dataFiles: dataFiles),
                    settings: settings)
            })
        var source = StoredCells(
            original: original, cells: cells, store: store, answers: offline ? stored : nil, dataFiles: dataFiles,
            report: report)
        _ = await runner.run(&source)
        return Outcome(
            sessionID: runner.sessionID, status: source.status, runPairs: source.runPairs, served: stored.servedCount)
    }

    private func baseDirectory(_ session: StoredSession) -> URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let path = session.sourcePath, FileManager.default.fileExists(atPath: path) else { return current }
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    static func describe(_ failure: CellFailure) -> String {
        switch failure {
        case .script: "the cell is wrong"
        case .provider(let message), .budgetReached(let message): message
        case .store(let message): "the database failed: \(message)"
        case .cancelled: "interrupted"
        }
    }
}
