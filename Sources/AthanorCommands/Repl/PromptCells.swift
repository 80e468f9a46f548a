import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// The prompt's entries as a session's cells: what is typed (libedit, continuing while a bracket or
/// `"""` is open) and the cells a `:load` queued, each run inside the interrupts so that Ctrl-C
/// stops only it. An error is shown and the session goes on; `:quit` and Ctrl-D end it.
///
/// Input is `ReplInput`'s, meta-commands `MetaCommands'`, recording `SessionRunner`'s; this type
/// decides what comes next and what is shown after each cell (psql's mainloop.c).
struct PromptCells: CellSource {
    let input: ReplInput
    let notebook: ReplNotebook
    let completion: CompletionState
    let interpreter: Interpreter
    let interrupts: Interrupts
    let renderer: EventRenderer
    let settings: SessionSettings
    /// Stored run ids, newest first, for TAB after `:show`.
    let recentRunIDs: @Sendable () async -> [Int64]
    private var position = 0

    init(
        input: ReplInput, notebook: ReplNotebook, completion: CompletionState, interpreter: Interpreter,
        interrupts: Interrupts, renderer: EventRenderer, settings: SessionSettings,
        recentRunIDs: @escaping @Sendable () async -> [Int64] = { [] }
    ) {
        self.recentRunIDs = recentRunIDs
        self.input = input
        self.notebook = notebook
        self.completion = completion
        self.interpreter = interpreter
        self.interrupts = interrupts
        self.renderer = renderer
        self.settings = settings
    }

    mutating func next() async -> SessionEntry? {
        while true {
            if let loaded = notebook.dequeue() {
                position += 1
                StandardStreams.out(
                    renderer.style.paint("[\(position)] \(loaded.cell.title ?? loaded.file.name)", .dim) + "\n")
                return SessionEntry(
                    position: position, title: loaded.cell.title, source: loaded.cell.source, file: loaded.file,
                    cells: [loaded.cell])
            }
            let prompt = "[\(position + 1)]> "
            let continuation = String(repeating: " ", count: max(0, prompt.count - 5)) + "...> "
            if let edited = notebook.dequeueEntry() {
                // What `:edit` saved runs as if typed, shown under its prompt, and Up recalls it.
                StandardStreams.out(prompt + edited.replacingOccurrences(of: "\n", with: "\n" + continuation) + "\n")
                input.remember(edited)
                return typed(edited)
            }
            switch await input.read(prompt: prompt, continuation: continuation) {
            case .endOfInput:
                return nil
            case .interrupted:
                continue
            case .text(let entry):
                guard !entry.allSatisfy(\.isWhitespace) else { continue }
                return typed(entry)
            case .edit(let unfinished):
                // `:edit` on a continuation line: the entry so far goes to the editor, and what is saved runs.
                do {
                    if let edited = try notebook.edit(unfinished) { notebook.enqueueEntry(edited) }
                } catch {
                    StandardStreams.error("error: \(error)\n")
                }
            }
        }
    }

    private mutating func typed(_ entry: String) -> SessionEntry {
        position += 1
        let file = SourceFile(name: "[\(position)]", text: entry)
        let parsed = Parser.parseEntry(file)
        return SessionEntry(
            position: position, title: nil, source: entry, file: file, cells: parsed.script.cells,
            diagnostics: parsed.diagnostics)
    }

    /// Inside the interrupts: a first Ctrl-C cancels the cell, a second stops waiting for it (it
    /// finishes recording in the background).
    func execute(_ entry: SessionEntry, in runner: SessionRunner) async -> CellEnding {
        let started = ContinuousClock.now
        defer { showTiming(since: started) }
        guard entry.diagnostics.isEmpty else { return await runner.run(entry) }
        switch await interrupts.run({ await runner.run(entry) }) {
        case .finished(let ending): return ending
        case .abandoned: return CellEnding(status: .cancelled, failure: .cancelled)
        }
    }

    mutating func after(_ entry: SessionEntry, _ ending: CellEnding) async -> SessionStep {
        let summary: CellStatusSummary
        switch ending.failure {
        case nil:
            summary = .succeeded
        case .script(let diagnostic)?:
            let shown = entry.diagnostics.isEmpty ? [diagnostic] : entry.diagnostics
            StandardStreams.error(shown.map { render($0, in: entry.file) }.joined(separator: "\n") + "\n")
            summary = .scriptError
        case .cancelled?:
            StandardStreams.error("cancelled\n")
            summary = .cancelled
        case let failure?:
            StandardStreams.error("error: \(failure)\n")
            summary = .failed
        }
        notebook.record(
            NotebookCell(position: entry.position, title: entry.title, source: entry.source, status: summary))
        // `_N` is the value cell N gave, if any.
        await interpreter.nameLastValue(cell: entry.position)
        completion.update(bindings: await interpreter.bindings)
        completion.update(runIDs: await recentRunIDs())
        // A cell that ended badly drops what a `:load` queued after it.
        if ending.failure != nil { notebook.dropQueue() }
        return ending.quit ? .end(.completed) : .next
    }

    private func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        DiagnosticRenderer.render(diagnostic, in: file, color: renderer.style.color && settings.color)
    }

    private func showTiming(since start: ContinuousClock.Instant) {
        guard settings.timing else { return }
        let ms = (ContinuousClock.now - start) / .milliseconds(1)
        let text = ms < 1000 ? String(format: "time: %.0f ms", ms) : String(format: "time: %.2f s", ms / 1000)
        var paint = renderer.style
        paint.color = renderer.style.color && settings.color
        StandardStreams.out(paint.paint(text, .dim) + "\n")
    }
}
