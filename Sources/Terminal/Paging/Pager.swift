import Foundation

/// Shows output taller than the screen through the user's pager, as psql does: `$PAGER` (a shell
/// command), else `less -FRX` (which quits by itself when the text fits, keeps colour, and leaves the
/// text on screen). `PAGER=` (empty) turns paging off, as does `:set pager off`.
///
/// The text reaches the pager through an unlinked temporary file, never a pipe, so a pager that quits
/// before reading it all cannot make a write fail.
public struct Pager: Sendable {
    /// The shell command that pages, e.g. `less -FRX`.
    public var command: String

    public init(command: String) {
        self.command = command
    }

    public static let defaultCommand = "less -FRX"

    /// The pager `environment` asks for; nil when `PAGER` is set but empty.
    public static func configured(environment: [String: String] = ProcessInfo.processInfo.environment) -> Pager? {
        guard let given = environment["PAGER"] else { return Pager(command: defaultCommand) }
        let command = given.trimmingCharacters(in: .whitespaces)
        return command.isEmpty ? nil : Pager(command: command)
    }

    /// Whether `text` takes more lines than fit above the prompt on a `size` terminal (long lines wrap;
    /// escape sequences take no room).
    public static func isTaller(_ text: String, than size: TerminalSize) -> Bool {
        let limit = size.rows - 1
        var lines = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let width = visibleWidth(line)
            lines += max(1, (width + size.columns - 1) / max(1, size.columns))
            if lines > limit { return true }
        }
        return false
    }

    /// Runs the pager on `text` and waits for it; false when it could not be started (print it instead).
    public func show(_ text: String) -> Bool {
        var template = Array((NSTemporaryDirectory() + "athanor-page-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return false }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try file.write(contentsOf: Data(text.utf8))
            try file.seek(toOffset: 0)
        } catch {
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = file
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        // 127: the shell found no such command; the text has not been shown.
        return !(process.terminationReason == .exit && process.terminationStatus == 127)
    }

    /// Columns `line` takes, not counting `ESC [ … letter` sequences.
    static func visibleWidth(_ line: Substring) -> Int {
        var width = 0
        var inEscape = false
        for character in line {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
