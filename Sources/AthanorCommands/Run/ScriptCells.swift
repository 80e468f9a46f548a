import AthanorCore
import AthanorLanguage
import Terminal

/// A script's cells, in order: a cell that fails ends the session (a failed assertion does not),
/// and the batch exit status is kept as they go.
struct ScriptCells: CellSource {
    let script: Script
    let file: SourceFile
    /// Says what failed, where, and gives the exit status for it.
    let fail: (CellFailure, Cell, Int) -> ExitStatus
    private(set) var status = ExitStatus.success
    private var index = 0

    init(script: Script, file: SourceFile, fail: @escaping (CellFailure, Cell, Int) -> ExitStatus) {
        self.script = script
        self.file = file
        self.fail = fail
    }

    mutating func next() -> SessionEntry? {
        guard index < script.cells.count else { return nil }
        let cell = script.cells[index]
        index += 1
        return SessionEntry(position: index, title: cell.title, source: cell.source, file: file, cells: [cell])
    }

    mutating func after(_ entry: SessionEntry, _ ending: CellEnding) -> SessionStep {
        for run in ending.runsWithFailures {
            StandardStreams.error("athanor: \(name(of: entry)): \(run)\n")
        }
        status = status.after(ending)
        if let failure = ending.failure {
            status = fail(failure, entry.cells[0], entry.position - 1)
            return .end(failure.isCancellation ? .cancelled : .failed)
        }
        // `:quit` ends a script with the status so far.
        return ending.quit ? .end(.completed) : .next
    }

    /// How messages name a cell: `cell 2 (title)`.
    static func name(of cell: Cell, index: Int) -> String {
        "cell \(index + 1)" + (cell.title.map { " (\($0))" } ?? "")
    }

    private func name(of entry: SessionEntry) -> String {
        Self.name(of: entry.cells[0], index: entry.position - 1)
    }
}
