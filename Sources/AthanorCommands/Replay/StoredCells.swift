import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// A stored session's cells, run again in order: each parsed as one cell (as the prompt does),
/// offline with the original cell's answers loaded first. Like a script, a failing cell ends it.
struct StoredCells: CellSource {
    let original: StoredSession
    let cells: [StoredCell]
    let store: any RunStore
    /// Offline: where the original cell's answers are loaded before it runs again.
    let answers: StoredResponseProvider?
    /// The original's data files; told which cell runs, to serve the copies it read.
    let dataFiles: DataFiles
    let report: @Sendable (String) -> Void
    private(set) var status = ExitStatus.success
    private(set) var runPairs: [(cell: Int, old: Int64, new: Int64)] = []
    private(set) var endStatus = SessionStatus.completed
    private var index = 0

    init(
        original: StoredSession, cells: [StoredCell], store: any RunStore, answers: StoredResponseProvider?,
        dataFiles: DataFiles, report: @escaping @Sendable (String) -> Void
    ) {
        self.original = original
        self.cells = cells
        self.store = store
        self.answers = answers
        self.dataFiles = dataFiles
        self.report = report
    }

    mutating func next() async -> SessionEntry? {
        guard index < cells.count else { return nil }
        let cell = cells[index]
        index += 1
        dataFiles.enter(cell: cell.position)
        if let answers {
            do {
                var results: [ResultValue] = []
                for runID in cell.runIDs { results += try await StoredRuns.results(runID, from: store) }
                answers.load(results)
            } catch {
                report("athanor: replay stopped at cell \(cell.position): the database failed: \(error)")
                (status, endStatus) = (.serviceFailed, .failed)
                return nil
            }
        }
        let file = SourceFile(name: "session \(original.id) cell \(cell.position)", text: cell.source)
        let parsed = Parser.parseEntry(file)
        var entries = Array(parsed.script.cells.prefix(1))
        for i in entries.indices { entries[i].title = cell.title }
        return SessionEntry(
            position: cell.position, title: cell.title, source: cell.source, file: file, cells: entries,
            diagnostics: parsed.diagnostics)
    }

    mutating func after(_ entry: SessionEntry, _ ending: CellEnding) -> SessionStep {
        for run in ending.runsWithFailures { report("athanor: cell \(entry.position): \(run)") }
        status = status.after(ending)
        let old = cells.first { $0.position == entry.position }?.runIDs ?? []
        for (old, new) in zip(old, ending.runIDs) { runPairs.append((entry.position, old, new)) }
        guard let failure = ending.failure else { return .next }
        if case .script(let diagnostic) = failure {
            report(DiagnosticRenderer.render(diagnostic, in: entry.file, color: false))
        }
        report("athanor: replay stopped at cell \(entry.position): \(ReplayRunner.describe(failure))")
        status = ExitStatus(failure)
        return .end(failure.isCancellation ? .cancelled : .failed)
    }
}
