import Foundation

/// Colour and width decisions: colour only on a TTY, never when `NO_COLOR` is set or `TERM=dumb`. The prompt
/// re-reads the width before each cell's output (`TerminalSize`), so a resized window is honoured.
public struct TerminalStyle: Sendable, Hashable {
    public var color: Bool
    /// Columns available for tables; long text is cut with an ellipsis to fit. Nil: no limit,
    /// every cell in full (standard output is not a terminal: a pipe or a file).
    public var width: Int?

    public init(color: Bool, width: Int? = 100) {
        self.color = color
        self.width = width.map { max(40, $0) }
    }

    /// The style for standard output in this environment: `COLUMNS` when set, else the
    /// terminal's width (100 when it cannot be read); no limit when standard output is not a
    /// terminal, so `athanor runs | cat` and a file keep every cell whole.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        let tty = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(
            color: tty && !noColor && !TerminalSize.isDumb(environment),
            width: width(tty: tty, columns: environment["COLUMNS"]))
    }

    /// `COLUMNS` when it is a positive number, else the terminal's width when standard output is
    /// one (100 when it cannot be read), else no limit.
    static func width(tty: Bool, columns: String?) -> Int? {
        if let columns = columns.flatMap({ Int($0) }), columns > 0 { return columns }
        guard tty else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    /// The style for text indented by `columns`: the width less the indent (still no limit when
    /// there is none).
    func indented(by columns: Int) -> TerminalStyle {
        TerminalStyle(color: color, width: width.map { $0 - columns })
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
