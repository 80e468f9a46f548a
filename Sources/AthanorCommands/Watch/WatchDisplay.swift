import Foundation

/// How `watch` prints to standard output: log lines as they come, and a progress block (one line,
/// and one more per worker of a queued run) that is redrawn in place on a terminal, or (piped into
/// a file or a CI log) printed as plain lines at most every `interval`, and only when it changed.
///
/// Used from the watching task only.
final class WatchDisplay {
    private let isTerminal: Bool
    private let interval: Duration
    private let write: (String) -> Void
    private var shownProgress: String?
    private var lastPlainLine: (text: String, at: ContinuousClock.Instant)?

    init(isTerminal: Bool, interval: Duration, write: @escaping (String) -> Void = StandardStreams.out) {
        self.isTerminal = isTerminal
        self.interval = interval
        self.write = write
    }

    /// Lines that stay (the run's description, log entries), above the progress line.
    func lines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        guard isTerminal, let progress = shownProgress else {
            write(text)
            return
        }
        write(Self.clear(progress) + text + progress)
    }

    /// The current progress: redrawn on a terminal; otherwise printed when `interval` has passed
    /// since the last line and it says something new.
    func progress(_ text: String) {
        if isTerminal {
            guard text != shownProgress else { return }
            write((shownProgress.map(Self.clear) ?? Self.clearLine) + text)
            shownProgress = text
            return
        }
        let now = ContinuousClock.now
        if let last = lastPlainLine, last.text == text || now - last.at < interval { return }
        write(text + "\n")
        lastPlainLine = (text, now)
    }

    /// The last line, in place of the progress line.
    func finish(_ text: String) {
        stop()
        write(text + "\n")
    }

    /// Takes the progress line off the terminal (watching stopped).
    func stop() {
        guard isTerminal, let shown = shownProgress else { return }
        write(Self.clear(shown))
        shownProgress = nil
    }

    private static let clearLine = "\r\u{1B}[2K"

    /// Clears a block shown (its last line holds the cursor), leaving the cursor where it began.
    private static func clear(_ shown: String) -> String {
        let extraLines = shown.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        return clearLine + String(repeating: "\u{1B}[1A" + clearLine, count: extraLines)
    }
}
