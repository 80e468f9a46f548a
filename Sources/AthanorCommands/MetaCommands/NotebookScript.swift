import AthanorLanguage
import Foundation

/// One cell of a prompt session, as `:save` needs it.
struct NotebookCell: Sendable, Hashable {
    /// 1-based position in the session.
    var position: Int
    /// A loaded file's cell title; typed entries have none.
    var title: String?
    var source: String
    var status: CellStatusSummary
}

/// How a prompt cell ended, as far as `:save` cares.
enum CellStatusSummary: Sendable, Hashable {
    case succeeded, failed, cancelled
    /// The entry did not parse or was wrong: running it again would stop the script there.
    case scriptError
}

/// Turns a prompt session into a runnable script: each kept cell under a `# %%` marker titled with its
/// position (and title), in the order typed.
///
/// Cells that were wrong (a syntax or script error) are left out, since they would stop the script where
/// the session went on; so are meta-commands that only make sense at the prompt (`MetaCommand.isPromptOnly`): a loaded file's cells are saved themselves.
enum NotebookScript {
    static func savedCells(_ cells: [NotebookCell]) -> [NotebookCell] {
        cells.filter { cell in
            guard cell.status != .scriptError else { return false }
            let trimmed = cell.source.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.hasPrefix(":") else { return true }
            let name = trimmed.dropFirst().prefix { $0.isLetter }
            return MetaCommand(name: String(name))?.isPromptOnly != true
        }
    }

    static func text(for cells: [NotebookCell]) -> String {
        var out = "# Saved from an athanor session; run it with: athanor run FILE\n"
        for cell in savedCells(cells) {
            let title = "[\(cell.position)]" + (cell.title.map { " " + $0 } ?? "")
            out += "\n# %% \(title)\n" + cell.source.trimmingCharacters(in: .newlines) + "\n"
        }
        return out
    }
}
