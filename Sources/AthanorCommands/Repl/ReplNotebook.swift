import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// The prompt's side of `:load`, `:save` and `:history`: the cells typed so far, the cells a `:load`
/// queued, and the line editor's history.
final class ReplNotebook: Notebook, @unchecked Sendable {  // `cells` and `queue` are guarded by `lock`
    private let lock = NSLock()
    private var cells: [NotebookCell] = []
    private var queue: [(cell: Cell, file: SourceFile)] = []
    private let history: @Sendable () -> [String]

    init(history: @escaping @Sendable () -> [String]) {
        self.history = history
    }

    func historyEntries() -> [String] { history() }

    func sessionCells() -> [NotebookCell] { lock.withLock { cells } }

    func enqueue(_ loaded: [Cell], from file: SourceFile) {
        lock.withLock { queue += loaded.map { ($0, file) } }
    }

    /// The next loaded cell to run, if any.
    func dequeue() -> (cell: Cell, file: SourceFile)? {
        lock.withLock { queue.isEmpty ? nil : queue.removeFirst() }
    }

    /// Ctrl-C or an error drops what a `:load` still had queued.
    func dropQueue() {
        lock.withLock { queue = [] }
    }

    func record(_ cell: NotebookCell) {
        lock.withLock { cells.append(cell) }
    }
}
