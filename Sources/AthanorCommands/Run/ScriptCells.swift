import AthanorCore
import AthanorLanguage

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
        if ending.assertionsFailed > 0 { status = .assertionFailed }
        if let failure = ending.failure {
            status = fail(failure, entry.cells[0], entry.position - 1)
            return .end(failure.isCancellation ? .cancelled : .failed)
        }
        // `:quit` ends a script with the status so far.
        return ending.quit ? .end(.completed) : .next
    }
}
