import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// The prompt's side of `:load`, `:save`, `:edit` and `:history`: the cells typed so far, the cells a
/// `:load` queued, the entry an `:edit` saved, and the line editor's history.
final class ReplNotebook: Notebook, @unchecked Sendable {  // `cells`, `queue` and `entries` are guarded by `lock`
    private let lock = NSLock()
    private var cells: [NotebookCell] = []
    private var queue: [(cell: Cell, file: SourceFile)] = []
    private var entries: [String] = []
    private let history: @Sendable () -> [String]
    private let editor: ExternalEditor

    init(history: @escaping @Sendable () -> [String], editor: ExternalEditor = .configured()) {
        self.history = history
        self.editor = editor
    }

    func edit(_ text: String) throws(CellFailure) -> String? {
        do {
            let edited = try LentTerminal.lend { () throws(ExternalEditor.Failure) in try editor.edit(text) }
            return edited.allSatisfy(\.isWhitespace) ? nil : edited.trimmingCharacters(in: .newlines)
        } catch {
            throw MetaCommands.usage(error.description)
        }
    }

    func enqueueEntry(_ text: String) {
        lock.withLock { entries.append(text) }
    }

    /// The next entry an `:edit` saved, if any; it runs as if typed.
    func dequeueEntry() -> String? {
        lock.withLock { entries.isEmpty ? nil : entries.removeFirst() }
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
