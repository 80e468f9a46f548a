import Foundation

/// Colour and width decisions, made once: colour only on a TTY and never when `NO_COLOR` is set.
public struct TerminalStyle: Sendable, Hashable {
    public var color: Bool
    /// Columns available for tables; long text is cut with an ellipsis to fit.
    public var width: Int

    public init(color: Bool, width: Int = 100) {
        self.color = color
        self.width = max(40, width)
    }

    /// The style for standard output in this environment.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        let tty = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        var width = Int(environment["COLUMNS"] ?? "") ?? 0
        if width == 0, tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 { width = Int(size.ws_col) }
        }
        return TerminalStyle(color: tty && !noColor, width: width > 0 ? width : 100)
    }

    public enum Paint: String, Sendable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    public func paint(_ text: String, _ paint: Paint) -> String {
        color ? "\u{1B}[\(paint.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Green for a confident token, yellow for a likely one, red for a long shot.
    public func paint(_ text: String, probability p: Double) -> String {
        paint(text, p >= 0.9 ? .green : p >= 0.5 ? .yellow : .red)
    }
}
