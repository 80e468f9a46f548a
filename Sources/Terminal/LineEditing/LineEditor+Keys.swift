@preconcurrency import CEditLine
import Foundation

/// The C side of the editor: settings, the prompt callback, and the functions bound to TAB and Ctrl-C.
/// Callbacks are capture-free closures (C function pointers) that find the editor through `EL_CLIENTDATA`.
extension LineEditor {
    static func from(_ editLine: OpaquePointer?) -> LineEditor {
        Unmanaged<LineEditor>.fromOpaque(cedit_get_clientdata(editLine)!).takeUnretainedValue()
    }

    /// Emacs keys, our history and key functions, then the user's `~/.editrc` (read last, so it can override).
    func configure() {
        cedit_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        cedit_set_editor(editLine, "emacs")
        cedit_set_prompt(editLine) { LineEditor.from($0).promptText }
        cedit_set_history(editLine, history.handle)
        cedit_setty(editLine, "-isig")  // Ctrl-C arrives as a key while editing, not as SIGINT
        cedit_add_function(editLine, "athanor-complete", "Complete the word before the cursor") { editLine, _ in
            LineEditor.from(editLine).completeKey()
        }
        cedit_add_function(editLine, "athanor-interrupt", "Drop the entry being typed") { editLine, _ in
            LineEditor.from(editLine).interruptKey()
        }
        cedit_bind(editLine, "^I", "athanor-complete")
        cedit_bind(editLine, "^C", "athanor-interrupt")
        el_source(editLine, nil)
    }

    /// Shows `^C` at the end of the line and ends the line like Enter; `read` then reports `.interrupted`.
    func interruptKey() -> UInt8 {
        interrupted = true
        el_cursor(editLine, Int32.max)
        el_insertstr(editLine, "^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    /// Readline's TAB: a unique match is inserted with its terminator; several insert their common prefix, and
    /// a second TAB that changed nothing lists them.
    func completeKey() -> UInt8 {
        guard let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let all = Self.text(info.buffer, info.lastchar)
        let before = Self.text(info.buffer, info.cursor)
        var lines = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = lines.removeLast()
        let completion = completer(TabCompletionRequest(line: line, earlierLines: pendingLines + lines))
        let state = "\(before.utf8.count):\(all)"
        switch completion.candidates.count {
        case 0:
            return UInt8(CC_ERROR)
        case 1:
            let match = completion.candidates[0]
            replace(completion.word, with: match + (match.hasSuffix("/") ? "" : completion.terminator))
            return UInt8(CC_REFRESH)
        default:
            let prefix = completion.commonPrefix
            if prefix.count > completion.word.count {
                replace(completion.word, with: prefix)
                lastAmbiguousTab = nil
                return UInt8(CC_REFRESH)
            }
            guard lastAmbiguousTab == state else {
                lastAmbiguousTab = state
                return UInt8(CC_ERROR)
            }
            let listing = CandidateColumns.format(completion.displayNames, width: terminalWidth())
            fputs("\n" + listing + "\n", output)
            fflush(output)
            return UInt8(CC_REDISPLAY)
        }
    }

    private func replace(_ word: String, with text: String) {
        if text.hasPrefix(word) {
            el_insertstr(editLine, String(text.dropFirst(word.count)))
        } else {
            el_deletestr(editLine, Int32(word.unicodeScalars.count))
            el_insertstr(editLine, text)
        }
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(fileno(output), UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    private static func text(_ start: UnsafePointer<CChar>, _ end: UnsafePointer<CChar>) -> String {
        start.withMemoryRebound(to: UInt8.self, capacity: end - start) {
            String(decoding: UnsafeBufferPointer(start: $0, count: end - start), as: UTF8.self)
        }
    }
}
