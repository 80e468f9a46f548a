import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// Runs one prompt entry (or one loaded cell) as one stored cell: stored `running` before it starts, then
/// with its status, output, error and runs when it ends; errors printed, never fatal to the session.
///
/// The run and the final write are one task, so a cell the user stopped waiting for (a second Ctrl-C)
/// still ends up recorded while the prompt is already back.
struct CellRunner: Sendable {
    let interpreter: Interpreter
    let store: any RunStore
    let sessionID: Int64
    let output: TerminalOutput
    let notebook: ReplNotebook
    let settings: SessionSettings
    let style: TerminalStyle
    let interrupts: ReplInterrupts

    /// What the loop needs back: whether `:quit` ran, and whether the cell ended badly (which drops a
    /// `:load`'s remaining cells).
    struct Ending: Sendable {
        var quit = false
        var failed = false
    }

    func run(source: String, title: String?, file: SourceFile, cells: [Cell], diagnostics: [Diagnostic], position: Int)
        async
        -> Ending
    {
        let started = ContinuousClock.now
        defer { showTiming(since: started) }
        let cellID = try? await store.startCell(
            NewCell(sessionID: sessionID, position: position, title: title, source: source))
        guard diagnostics.isEmpty else {
            let text = diagnostics.map { render($0, in: file) }.joined(separator: "\n")
            StandardStreams.error(text + "\n")
            if let cellID {
                try? await store.finishCell(id: cellID, outcome: CellOutcome(status: .failed, output: "", error: text))
            }
            notebook.record(NotebookCell(position: position, title: title, source: source, status: .scriptError))
            return Ending(failed: true)
        }
        let ending = await interrupts.run { [self] in await execute(cells, in: file, cellID: cellID) }
        let summary: CellStatusSummary
        let result: Ending
        switch ending {
        case .finished(let outcome):
            (summary, result) = outcome
        case .abandoned:
            (summary, result) = (.cancelled, Ending(failed: true))
        }
        notebook.record(NotebookCell(position: position, title: title, source: source, status: summary))
        return result
    }

    private func execute(_ cells: [Cell], in file: SourceFile, cellID: Int64?) async -> (CellStatusSummary, Ending) {
        var runIDs: [Int64] = []
        for cell in cells {
            do throws(CellFailure) {
                let report = try await interpreter.run(cell, in: file, cellID: cellID)
                runIDs += report.runIDs
                if report.quitRequested {
                    await finish(cellID, CellOutcome(status: .succeeded, output: output.takeCaptured(), runIDs: runIDs))
                    return (.succeeded, Ending(quit: true))
                }
            } catch {
                let message: String
                if case .script(let diagnostic) = error {
                    message = render(diagnostic, in: file)
                } else {
                    message = "error: \(error)"
                }
                if !error.isCancellation { StandardStreams.error(message + "\n") }
                let status: CellStatus = error.isCancellation ? .cancelled : .failed
                // A run stopped by Ctrl-C is not in `runIDs`; it is linked to the cell by its own `cell_id`.
                await finish(
                    cellID,
                    CellOutcome(status: status, output: output.takeCaptured(), error: "\(error)", runIDs: runIDs))
                if error.isCancellation { StandardStreams.error("cancelled\n") }
                let summary: CellStatusSummary =
                    error.isCancellation ? .cancelled : (isScript(error) ? .scriptError : .failed)
                return (summary, Ending(failed: true))
            }
        }
        await finish(cellID, CellOutcome(status: .succeeded, output: output.takeCaptured(), runIDs: runIDs))
        return (.succeeded, Ending())
    }

    private func finish(_ cellID: Int64?, _ outcome: CellOutcome) async {
        guard let cellID else { return }
        do { try await store.finishCell(id: cellID, outcome: outcome) } catch {
            StandardStreams.error("warning: the cell could not be saved: \(error)\n")
        }
    }

    private func isScript(_ failure: CellFailure) -> Bool {
        if case .script = failure { return true }
        return false
    }

    private func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        DiagnosticRenderer.render(diagnostic, in: file, color: style.color && settings.color)
    }

    private func showTiming(since start: ContinuousClock.Instant) {
        guard settings.timing else { return }
        let ms = (ContinuousClock.now - start) / .milliseconds(1)
        let text = ms < 1000 ? String(format: "time: %.0f ms", ms) : String(format: "time: %.2f s", ms / 1000)
        var paint = style
        paint.color = style.color && settings.color
        StandardStreams.out(paint.paint(text, .dim) + "\n")
    }
}
