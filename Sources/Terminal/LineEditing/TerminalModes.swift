import Foundation

/// Standard input's terminal modes as they were when saved, to put back when the process ends
/// on a signal while libedit has the terminal in its own modes (on a normal end libedit restores
/// them itself, when `el_gets` returns).
public struct TerminalModes: Sendable {
    private let saved: termios

    /// The modes of standard input now; nil when it is not a terminal.
    public static func current() -> TerminalModes? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return nil }
        return TerminalModes(saved: modes)
    }

    public func restore() {
        var modes = saved
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }
}
