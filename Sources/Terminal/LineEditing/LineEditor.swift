@preconcurrency import CEditLine
import Dispatch
import Foundation

/// Reads one entry at the interactive prompt with libedit: emacs keys, the user's `~/.editrc`, persistent
/// history, TAB completion, continuation lines until the entry is complete, and Ctrl-C that drops the entry.
///
/// The only code that touches libedit (with `CommandHistory` and the key callbacks in `LineEditor+Keys.swift`).
/// Every libedit call runs on one serial queue, so `read` suspends its caller instead of blocking the
/// cooperative pool. Ctrl-C reaches the editor as a key (`-isig` while editing), so the process-wide SIGINT
/// handling of a running cell stays untouched; libedit restores the cooked terminal when `el_gets` returns.
/// Use it only when `isInteractive()`; otherwise read plain lines without prompt or history.
public final class LineEditor: @unchecked Sendable {  // mutable state is touched only on `queue`
    /// One entry typed at the prompt.
    public enum Entry: Sendable, Hashable {
        /// The lines of a complete entry joined with "\n", without the final newline.
        case text(String)
        /// Ctrl-C, or Ctrl-D on an empty continuation line: the pending entry was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
        /// A continuation line asked for the editor (`asksToEdit`): the entry's lines so far, joined with "\n".
        case edit(String)
    }

    /// libedit's `EditLine *`, owned here and freed in `deinit`.
    let editLine: OpaquePointer
    let history: CommandHistory
    let completer: @Sendable (TabCompletionRequest) -> TabCompletion
    let output: UnsafeMutablePointer<FILE>
    private let streams: [UnsafeMutablePointer<FILE>]
    private let queue = DispatchQueue(label: "athanor.line-editor")
    private let historyFailed: @Sendable (LineEditorError) -> Void
    private var historyFailureReported = false
    /// The prompt libedit is showing; it reads the bytes through the prompt callback while editing.
    var promptText: UnsafeMutablePointer<CChar>
    /// Set by the Ctrl-C key; read once `el_gets` returns.
    var interrupted = false
    /// The entry's lines entered so far, for completion's context.
    var pendingLines: [String] = []
    /// The buffer and cursor at the last ambiguous TAB: a second TAB with nothing changed lists the candidates.
    var lastAmbiguousTab: String?

    /// Whether both standard input and output are a terminal; only then is line editing used.
    public static func isInteractive() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// `$XDG_STATE_HOME/athanor/history`, else `~/.local/state/athanor/history`.
    public static func defaultHistoryPath(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: String = NSHomeDirectory()
    ) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/state"
        return state + "/athanor/history"
    }

    /// - Parameters:
    ///   - historyPath: where history persists; `nil` keeps it in memory only.
    ///   - historyFailed: told (once per session) when the history file cannot be read or written; by default a
    ///     warning on standard error, as psql does. Editing goes on either way.
    ///   - input, output: the terminal's descriptors; tests pass a pseudo-terminal.
    public init(
        programName: String = "athanor",
        historyPath: String? = LineEditor.defaultHistoryPath(),
        historyCapacity: Int = 1000,
        completer: @escaping @Sendable (TabCompletionRequest) -> TabCompletion = { _ in .none },
        historyFailed: @escaping @Sendable (LineEditorError) -> Void = LineEditor.warnOnStandardError,
        input: Int32 = STDIN_FILENO,
        output: Int32 = STDOUT_FILENO
    ) throws(LineEditorError) {
        setlocale(LC_CTYPE, "")  // without it libedit silently drops non-ASCII input
        guard let inFile = fdopen(dup(input), "r"), let outFile = fdopen(dup(output), "w"),
            let errFile = fdopen(dup(STDERR_FILENO), "w")
        else { throw LineEditorError(code: .editorUnavailable, systemError: errno) }
        guard let editLine = el_init(programName, inFile, outFile, errFile) else {
            for file in [inFile, outFile, errFile] { fclose(file) }
            throw LineEditorError(code: .editorUnavailable)
        }
        let history: CommandHistory
        do { history = try CommandHistory(path: historyPath, capacity: historyCapacity) } catch {
            el_end(editLine)
            for file in [inFile, outFile, errFile] { fclose(file) }
            throw error
        }
        self.editLine = editLine
        self.history = history
        self.completer = completer
        self.historyFailed = historyFailed
        self.output = outFile
        self.streams = [inFile, outFile, errFile]
        self.promptText = strdup("")
        configure()
        do { try history.load() } catch { reportHistoryFailure(error) }
    }

    deinit {
        // No other reference exists now, so no call can run on `queue`; calling libedit here is safe.
        el_end(editLine)
        for stream in streams { fclose(stream) }
        free(promptText)
    }

    /// Reads one entry: lines under `continuationPrompt` until `isComplete` accepts the text joined with "\n".
    /// A complete non-blank entry is added to the history and the file is saved right away. A continuation
    /// line that `asksToEdit` accepts (`:edit`) ends the read with the lines before it, for the editor.
    public func read(
        prompt: String,
        continuationPrompt: String,
        isComplete: @escaping @Sendable (String) -> Bool,
        asksToEdit: @escaping @Sendable (String) -> Bool = { _ in false }
    ) async -> Entry {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.readEntry(prompt, continuationPrompt, isComplete, asksToEdit))
            }
        }
    }

    /// Adds an entry that did not come through `read` (an edited cell) to the history, and saves it.
    public func record(_ entry: String) {
        queue.sync { keep(entry) }
    }

    /// The history, oldest first, for `:history`. Waits for a pending `read` to finish.
    public func historyEntries() -> [String] {
        queue.sync { history.entries }
    }

    /// The default for `historyFailed`.
    public static func warnOnStandardError(_ error: LineEditorError) {
        FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
    }

    private func readEntry(
        _ prompt: String, _ continuation: String, _ isComplete: (String) -> Bool, _ asksToEdit: (String) -> Bool
    ) -> Entry {
        el_resize(editLine)  // the window may have changed size since the last entry
        pendingLines = []
        defer { pendingLines = [] }
        while true {
            setPrompt(pendingLines.isEmpty ? prompt : continuation)
            interrupted = false
            lastAmbiguousTab = nil
            var count: Int32 = 0
            let line = el_gets(editLine, &count)
            if interrupted { return .interrupted }
            guard let line, count > 0 else {
                fputs("\n", output)  // libedit echoes ^D and leaves the cursor after it
                fflush(output)
                // On a continuation line, Ctrl-D abandons the entry; only on a first line does it end input.
                return pendingLines.isEmpty ? .endOfInput : .interrupted
            }
            var text = String(cString: line)
            if text.hasSuffix("\n") { text.removeLast() }
            if !pendingLines.isEmpty, asksToEdit(text) { return .edit(pendingLines.joined(separator: "\n")) }
            pendingLines.append(text)
            let entry = pendingLines.joined(separator: "\n")
            if isComplete(entry) {
                keep(entry)
                return .text(entry)
            }
        }
    }

    /// Records `entry` in the history (if it belongs there) and saves the file right away.
    private func keep(_ entry: String) {
        guard history.record(entry) else { return }
        do { try history.save() } catch { reportHistoryFailure(error) }
    }

    private func setPrompt(_ text: String) {
        free(promptText)
        promptText = strdup(text)
    }

    private func reportHistoryFailure(_ error: LineEditorError) {
        guard !historyFailureReported else { return }
        historyFailureReported = true
        historyFailed(error)
    }
}
