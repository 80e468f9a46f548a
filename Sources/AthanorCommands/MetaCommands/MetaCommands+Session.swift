import AthanorCore
import AthanorLanguage
import Foundation
import OpenRouter

/// `:set`, `:models`, and the prompt's `:load`, `:save`, `:edit` and `:history`.
extension MetaCommands {
    /// `:set` lists the settings; `:set NAME VALUE` changes one, checked (`top must be between 0 and 20`).
    func assign(_ argument: String, output: any CellOutput) throws(CellFailure) {
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else {
            output.emit(
                .table(
                    ResultTable(
                        columns: ["setting", "value"],
                        rows: settings.listing.map { [.value(.string($0.name)), .value(.string($0.value))] })))
            return
        }
        guard parts.count == 2 else { throw Self.usage(":set \(name) needs a value, e.g. :set top 10") }
        do {
            try settings.assign(name, parts[1])
        } catch {
            throw Self.usage(error.description)
        }
    }

    /// `:models [filter]`: id, whether answers carry logprobs, and the price per million tokens.
    func listModels(_ filter: String, output: any CellOutput) async {
        guard let models else {
            output.emit(.warning("the model list is not available here"))
            return
        }
        let listing = await models()
        if let note = listing.note { output.emit(.warning(note)) }
        let needle = filter.lowercased()
        let shown = listing.models.filter {
            needle.isEmpty || $0.id.lowercased().contains(needle) || $0.name.lowercased().contains(needle)
        }
        func price(_ value: Double?) -> Value { value.map { .string(String(format: "$%.2f", $0)) } ?? .null }
        output.emit(
            .table(
                ResultTable(
                    columns: ["id", "logprobs", "prompt $/M", "completion $/M", "name"],
                    rows: shown.map {
                        [
                            .value(.string($0.id)), .value(.string($0.supportsLogprobs ? "yes" : "no")),
                            .value(price($0.promptPricePerMillion)), .value(price($0.completionPricePerMillion)),
                            .value(.string($0.name)),
                        ]
                    })))
    }

    /// `:load FILE`: the file's cells run next, each as a cell of this session.
    func load(_ argument: String, output: any CellOutput) throws(CellFailure) {
        let notebook = try requireNotebook("load")
        guard !argument.isEmpty else { throw Self.usage(":load needs a file, e.g. :load experiment.ath") }
        let url = resolve(argument)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Self.usage(":load could not read \(url.path)")
        }
        let (file, problem) = SourceFile.decoding(data, name: argument)
        if let problem { throw .script(problem) }
        let parsed = Parser.parseScript(file)
        if let first = parsed.diagnostics.first { throw .script(first) }
        notebook.enqueue(parsed.script.cells, from: file)
        output.emit(
            .text(
                "loaded \(parsed.script.cells.count) cell\(parsed.script.cells.count == 1 ? "" : "s") from \(argument)")
        )
    }

    /// `:save FILE`: this session's cells as a script that `athanor run` runs again.
    func save(_ argument: String, output: any CellOutput) throws(CellFailure) {
        let notebook = try requireNotebook("save")
        guard !argument.isEmpty else { throw Self.usage(":save needs a file, e.g. :save session.ath") }
        let cells = notebook.sessionCells()
        let url = resolve(argument)
        do {
            try Data(NotebookScript.text(for: cells).utf8).write(to: url, options: .atomic)
        } catch {
            throw Self.usage(":save could not write \(url.path): \(error.localizedDescription)")
        }
        let kept = NotebookScript.savedCells(cells).count
        output.emit(.text("saved \(kept) cell\(kept == 1 ? "" : "s") to \(argument)"))
    }

    /// `:edit [N]`: `$VISUAL`/`$EDITOR` on the last cell's source (or cell N's); what is saved runs as the
    /// next cell. An unsaved or emptied file runs nothing.
    func edit(_ argument: String, output: any CellOutput) throws(CellFailure) {
        let notebook = try requireNotebook("edit")
        let cells = notebook.sessionCells()
        var source = cells.last?.source ?? ""
        if !argument.isEmpty {
            guard let n = Int(argument), n > 0 else { throw Self.usage(":edit takes a cell number, e.g. :edit 3") }
            guard let cell = cells.first(where: { $0.position == n }) else {
                throw Self.usage(":edit \(n): there is no cell \(n) in this session yet")
            }
            source = cell.source
        }
        guard let edited = try notebook.edit(source) else {
            output.emit(.text("the edited cell is empty: nothing runs"))
            return
        }
        notebook.enqueueEntry(edited)
    }

    func listHistory(output: any CellOutput) throws(CellFailure) {
        let entries = try requireNotebook("history").historyEntries()
        let width = String(entries.count).count
        let lines = entries.enumerated().map { index, entry in
            let number = String(index + 1)
            let indent = String(repeating: " ", count: width + 2)
            return String(repeating: " ", count: width - number.count) + number + "  "
                + entry.replacingOccurrences(of: "\n", with: "\n" + indent)
        }
        output.emit(.text(lines.isEmpty ? "(no history yet)" : lines.joined(separator: "\n")))
    }

    private func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : directory.appendingPathComponent(expanded)
    }
}
