import AthanorLanguage
import Foundation
import Terminal

/// Where entries come from: libedit when it can start on this terminal, else plain lines (with a warning),
/// so a terminal libedit cannot drive still gets a working prompt.
final class ReplInput: Sendable {
    private let editor: LineEditor?

    init(completer: @escaping @Sendable (TabCompletionRequest) -> TabCompletion, historyPath: String) {
        do {
            editor = try LineEditor(historyPath: historyPath, completer: completer)
        } catch {
            StandardStreams.error("warning: \(error); reading plain lines without history or completion\n")
            editor = nil
        }
    }

    func read(prompt: String, continuation: String) async -> LineEditor.Entry {
        if let editor {
            return await editor.read(
                prompt: prompt, continuationPrompt: continuation, isComplete: InputCompleteness.isComplete,
                asksToEdit: Self.asksToEdit)
        }
        var lines: [String] = []
        while true {
            StandardStreams.out(lines.isEmpty ? prompt : continuation)
            guard let line = readLine(strippingNewline: true) else {
                return lines.isEmpty ? .endOfInput : .text(lines.joined(separator: "\n"))
            }
            if !lines.isEmpty, Self.asksToEdit(line) { return .edit(lines.joined(separator: "\n")) }
            lines.append(line)
            let entry = lines.joined(separator: "\n")
            if InputCompleteness.isComplete(entry) { return .text(entry) }
        }
    }

    /// `:edit` alone on a continuation line: the unfinished entry goes to the editor (psql's `\e`).
    @Sendable static func asksToEdit(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces) == ":" + MetaCommand.edit.rawValue
    }

    /// Adds an entry that was not typed (an `:edit`ed cell) to the history, as if it had been.
    func remember(_ entry: String) {
        editor?.record(entry)
    }

    func historyEntries() -> [String] {
        editor?.historyEntries() ?? []
    }
}
