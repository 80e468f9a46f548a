import AthanorCore
import AthanorLanguage
import Foundation
import PostgresStore

/// Finishes a run whose process died (or that was cancelled): sends only the points not yet
/// stored, into the same run. `athanor resume RUN_ID` and the prompt's `:resume RUN_ID` both use it.
///
/// The run's session cells up to its own are planned again (a dry run: nothing sent, nothing
/// stored) to rebuild the names the statement uses; the statement itself then runs for real with
/// the stored keys skipped. `run_results (run_id, key)` is unique, so nothing is stored twice.
struct RunResumer {
    let store: PostgresRunStore
    let provider: any CompletionProvider
    /// Why requests cannot be sent (no API key), said once the run is known to need them.
    var providerProblem: String?
    /// Where the resumed run's progress and its end are shown.
    let output: any CellOutput
    /// A sentence about what is happening (`resuming run 4 …`), for the person waiting.
    let report: @Sendable (String) -> Void

    func resume(_ runID: Int64) async throws(CellFailure) {
        let source: ResumeSource
        let stored: Set<String>
        do {
            try await store.markInterruptedRuns(staleAfter: RunLiveness.staleAfter)
            guard let run = try await store.run(id: runID), let found = try await store.resumeSource(runID: runID)
            else {
                throw Self.wrong("there is no run \(runID); 'athanor runs' lists them")
            }
            switch run.status {
            case .interrupted, .cancelled, .failed: break
            case .running, .pending:
                throw Self.wrong(
                    "run \(runID) is still running (its heartbeat is recent); resume it once its process has stopped")
            case .completed:
                report("run \(runID) is already completed; nothing to resume")
                return
            }
            if let providerProblem { throw CellFailure.provider(providerProblem) }
            source = found
            stored = try await store.resultKeys(runID: runID)
            try await store.reopenRun(id: runID)
            report("resuming run \(runID) (\(run.instanceName)): \(stored.count) points already stored")
        } catch let failure as CellFailure {
            throw failure
        } catch {
            throw .store("\(error)")
        }
        try await replan(source, stored: stored)
    }

    /// Runs the session's cells as a dry run until the target statement, which runs for real.
    private func replan(_ source: ResumeSource, stored: Set<String>) async throws(CellFailure) {
        let base =
            source.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let interpreter = Interpreter(
            services: .init(
                provider: provider, store: store, sessionID: nil, baseDirectory: base,
                output: RunEventsOnly(next: output), commands: nil))
        await interpreter.setResumeTarget(
            ResumeTarget(runID: source.runID, source: source.statement, storedKeys: stored))
        let cells = source.cells.isEmpty ? [source.statement] : source.cells
        for text in cells {
            let file = SourceFile(name: source.sourcePath ?? "<run \(source.runID)>", text: text)
            for cell in Parser.parseScript(file).script.cells {
                do {
                    _ = try await interpreter.run(cell, in: file, cellID: nil, dryRun: true)
                } catch .script(let diagnostic) {
                    // Located in the run's own cells, not in whatever asked for the resume.
                    throw Self.wrong("resuming run \(source.runID) failed: \(diagnostic)")
                }
                if await interpreter.resumeTarget == nil { return }
            }
        }
        throw Self.wrong("run \(source.runID)'s statement was not found in its cells; nothing was sent")
    }

    private static func wrong(_ message: String) -> CellFailure {
        .script(Diagnostic(.error, message, at: .none))
    }
}

/// Passes on only what the resumed run says (progress and its end), not the dry run of the cells
/// replayed to rebuild its names.
private struct RunEventsOnly: CellOutput {
    let next: any CellOutput
    func emit(_ event: CellEvent) {
        switch event {
        case .progress, .runFinished, .answers, .warning: next.emit(event)
        default: break
        }
    }
}
