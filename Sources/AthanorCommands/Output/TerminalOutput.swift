import AthanorCore
import Foundation
import Terminal

/// Prints a cell's events as they happen and keeps a colourless copy of what it printed, which is
/// stored with the cell. Progress goes to standard error, and only on a terminal.
final class TerminalOutput: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private let renderer: EventRenderer
    private let plain: EventRenderer
    private let progress: Bool
    /// `:set top` and `:set color`, read at each event; nil keeps the renderer as given.
    private let settings: SessionSettings?
    private var captured = ""
    private var progressShown = false
    private var lastProgress = ContinuousClock.now

    init(renderer: EventRenderer, settings: SessionSettings? = nil, progress: Bool = StandardStreams.errorIsTerminal) {
        self.renderer = renderer
        var plain = renderer
        plain.style.color = false
        self.plain = plain
        self.progress = progress
        self.settings = settings
    }

    func emit(_ event: CellEvent) {
        lock.withLock {
            if case .progress(let runID, let done, let total, let failures) = event {
                showProgress(runID: runID, done: done, total: total, failures: failures)
                return
            }
            clearProgress()
            var renderer = renderer
            var plain = plain
            if let settings {
                renderer.topAlternatives = settings.top
                renderer.style.color = renderer.style.color && settings.color
                plain.topAlternatives = settings.top
            }
            guard let text = renderer.render(event) else { return }
            StandardStreams.out(text + "\n")
            captured += (plain.render(event) ?? "") + "\n"
        }
    }

    /// What was printed since the last call, without colour.
    func takeCaptured() -> String {
        lock.withLock {
            defer { captured = "" }
            return captured
        }
    }

    private func showProgress(runID: Int64, done: Int, total: Int, failures: Int) {
        guard progress, total > 1 else { return }
        let now = ContinuousClock.now
        guard done == total || now - lastProgress > .milliseconds(100) else { return }
        lastProgress = now
        var line = "run \(runID): \(done)/\(total)"
        if failures > 0 { line += ", \(failures) failed" }
        StandardStreams.error("\r\u{1B}[2K" + line)
        progressShown = true
    }

    private func clearProgress() {
        guard progressShown else { return }
        StandardStreams.error("\r\u{1B}[2K")
        progressShown = false
    }
}

/// Swallows events: the silent checking pass before a script runs.
struct DiscardingOutput: CellOutput {
    func emit(_ event: CellEvent) {}
}
