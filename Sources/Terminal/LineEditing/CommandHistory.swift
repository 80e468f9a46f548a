import CEditLine
import Foundation

/// The entries Up and Down recall: libedit's `History`, loaded from and saved to one file.
///
/// Follows psql: an entry that starts with a space is never recorded (HISTCONTROL=ignorespace), so a secret
/// typed that way never reaches the file; the file is mode 0600; a repeat of the previous entry is not added;
/// a multi-line entry is one entry. Not thread-safe: `LineEditor` uses it only on its queue.
final class CommandHistory {
    /// libedit's `History *`, owned here and freed in `deinit`.
    let handle: OpaquePointer
    let path: String?

    init(path: String?, capacity: Int = 1000) throws(LineEditorError) {
        guard let handle = history_init() else { throw LineEditorError(code: .editorUnavailable) }
        self.handle = handle
        self.path = path
        cedit_history_setsize(handle, Int32(capacity))
        cedit_history_setunique(handle, 1)
    }

    deinit {
        history_end(handle)
    }

    /// Whether an entry belongs in the history: not blank, and not starting with a space or tab.
    static func shouldRecord(_ entry: String) -> Bool {
        guard let first = entry.first, first != " ", first != "\t" else { return false }
        return !entry.allSatisfy(\.isWhitespace)
    }

    /// Adds the entry when `shouldRecord` allows it; returns whether it was offered to libedit.
    @discardableResult
    func record(_ entry: String) -> Bool {
        guard Self.shouldRecord(entry) else { return false }
        cedit_history_enter(handle, entry)
        return true
    }

    /// The entries, oldest first.
    var entries: [String] {
        var result: [String] = []
        var pointer = cedit_history_last(handle)
        while let entry = pointer {
            result.append(String(cString: entry))
            pointer = cedit_history_prev(handle)
        }
        return result
    }

    /// Reads the file if it exists; a missing file is a first session, not an error.
    func load() throws(LineEditorError) {
        guard let path, FileManager.default.fileExists(atPath: path) else { return }
        if cedit_history_load(handle, path) == -1 {
            throw LineEditorError(code: .historyUnreadable, path: path, systemError: errno == 0 ? nil : errno)
        }
    }

    /// Writes every entry, creating the folder (0700) and the file (0600) first so the file is never readable by
    /// others, not even for a moment; the file is replaced whole (a symbolic link in its place included).
    func save() throws(LineEditorError) {
        guard let path else { return }
        var folder = path.hasPrefix("/") ? "/" : ""
        for component in (path as NSString).deletingLastPathComponent.split(separator: "/") {
            folder += component + "/"
            if mkdir(folder, 0o700) != 0, errno != EEXIST {
                throw LineEditorError(code: .historyUnwritable, path: path, systemError: errno)
            }
        }
        // Written beside it, then renamed over it: a symbolic link at `path` is replaced, never
        // followed (which would overwrite whatever it points to), and a reader never sees half a file.
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw LineEditorError(code: .historyUnwritable, path: path, systemError: errno) }
        let modeChanged = fchmod(descriptor, 0o600)
        close(descriptor)
        guard modeChanged == 0, cedit_history_save(handle, temporary) != -1, rename(temporary, path) == 0 else {
            let failure = errno
            unlink(temporary)
            throw LineEditorError(code: .historyUnwritable, path: path, systemError: failure)
        }
    }
}
