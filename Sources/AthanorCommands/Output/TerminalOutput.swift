import AthanorCore
import Foundation
import Terminal

/// Prints a cell's events as they happen and keeps a colourless copy of what it printed, which is
/// stored with the cell. Progress goes to standard error: on a terminal one line redrawn at most
/// ten times a second; otherwise (a log file, CI) a plain line every ten seconds, so a long batch
/// run shows it is alive without flooding the log.
///
/// A live `ask` prints its heading and then its tokens as they arrive, on the line where the whole
/// answer would have shown them; the `answers` event then adds only the token table and the run
/// line, so what is on screen in the end reads exactly as without streaming. A retry opens a new
/// line. The stored copy is always the whole answer, rendered at the end.
///
/// At the prompt, output taller than the screen goes through the pager (unless `:set pager off`), and
/// tables follow the window's width as it is now, so a resize applies to the next output.
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
    private var progressRun: (id: Int64, started: ContinuousClock.Instant, doneAtStart: Int)?
    /// Pages output taller than the screen while `settings.pager` is on; nil never pages.
    private let pager: Pager?
    private var pagerFailed = false
    /// Re-read the width before each event (the prompt, with no `COLUMNS` fixing it).
    private let followsWindow: Bool
    /// The attempt whose live answer line is open (printed without its line break yet).
    private var liveAttempt: Int?
    /// The pieces of a live answer were printed since the last lasting event.
    private var answerShownLive = false

    init(
        renderer: EventRenderer, settings: SessionSettings? = nil, progress: Bool = StandardStreams.errorIsTerminal,
        pager: Pager? = nil, followsWindow: Bool = false
    ) {
        self.renderer = renderer
        self.pager = pager
        self.followsWindow = followsWindow
        var plain = renderer
        plain.style.color = false
        self.plain = plain
        self.progress = progress
        self.settings = settings
    }

    var showsLiveAnswers: Bool { true }

    func emit(_ event: CellEvent) {
        lock.withLock {
            if case .progress(let progress) = event {
                showProgress(progress)
                return
            }
            clearProgress()
            var renderer = renderer
            var plain = plain
            if followsWindow, let size = TerminalSize.of(STDOUT_FILENO) {
                renderer.style.width = max(40, size.columns)
            }
            if let settings {
                renderer.topAlternatives = settings.top
                renderer.style.color = renderer.style.color && settings.color
                plain.topAlternatives = settings.top
            }
            if case .answerDelta(let piece) = event {
                showLive(piece, renderer: renderer)
                return
            }
            closeLiveLine()
            let shownLive = answerShownLive
            answerShownLive = false
            let text: String?
            if case .answers(let run, let totals) = event, shownLive {
                text = renderer.renderAnswers(run, totals, shownLive: true)
            } else {
                text = renderer.render(event)
            }
            guard let text else { return }
            if !page(text) { StandardStreams.out(text + "\n") }
            captured += (plain.render(event) ?? "") + "\n"
        }
    }

    /// Shows `text` through the pager when it is on and `text` is taller than the screen; false otherwise.
    /// A pager that could not be started is not tried again this session (said once).
    private func page(_ text: String) -> Bool {
        guard let pager, !pagerFailed, settings?.pager == true, let size = TerminalSize.of(STDOUT_FILENO),
            Pager.isTaller(text, than: size)
        else { return false }
        if LentTerminal.lend({ pager.show(text + "\n") }) { return true }
        pagerFailed = true
        StandardStreams.error(
            "warning: the pager '\(pager.command)' could not be started; output is printed as it is (set PAGER)\n")
        return false
    }

    /// Prints a piece of a live answer where the last one ended; a new attempt starts a new line.
    private func showLive(_ piece: AnswerDelta, renderer: EventRenderer) {
        let opening = liveAttempt != piece.attempt
        if opening { closeLiveLine() }
        liveAttempt = piece.attempt
        answerShownLive = true
        StandardStreams.out(renderer.renderLive(piece, opening: opening))
    }

    private func closeLiveLine() {
        guard liveAttempt != nil else { return }
        StandardStreams.out("\n")
        liveAttempt = nil
    }

    /// What was printed since the last call, without colour.
    func takeCaptured() -> String {
        lock.withLock {
            defer { captured = "" }
            return captured
        }
    }

    private func showProgress(_ progress: RunProgress) {
        guard progress.total > 1 else { return }
        let now = ContinuousClock.now
        if progressRun?.id != progress.runID {
            progressRun = (progress.runID, now, progress.done - 1)
            lastProgress = now
        }
        guard let run = progressRun else { return }
        // The line is only written out now and then, so it is only made then.
        var line: String {
            ProgressLine(progress: progress, elapsed: (now - run.started) / .seconds(1), doneAtStart: run.doneAtStart)
                .text
        }
        if self.progress {
            guard progress.done == progress.total || now - lastProgress > .milliseconds(100) else { return }
            lastProgress = now
            StandardStreams.error("\r\u{1B}[2K" + line)
            progressShown = true
        } else {
            guard progress.done < progress.total, now - lastProgress >= .seconds(10) else { return }
            lastProgress = now
            StandardStreams.error(line + "\n")
        }
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
