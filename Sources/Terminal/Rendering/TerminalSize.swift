import Foundation

/// The terminal's size, read afresh at each use, so output after a resize (SIGWINCH) fits the new window.
public struct TerminalSize: Sendable, Hashable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The size of the terminal on `descriptor` now; nil when it is not a terminal or does not say.
    public static func of(_ descriptor: Int32 = STDOUT_FILENO) -> TerminalSize? {
        var size = winsize()
        guard isatty(descriptor) == 1, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0,
            size.ws_row > 0
        else { return nil }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }

    /// Whether `environment` asks for no escape sequences at all: `TERM=dumb` (Emacs shells, some CI logs).
    public static func isDumb(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["TERM"] == "dumb"
    }
}
