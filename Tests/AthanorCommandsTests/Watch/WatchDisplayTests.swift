import Synchronization
import Testing

@testable import AthanorCommands

/// The progress line: redrawn in place on a terminal, plain and unrepeated lines otherwise.
@Suite struct WatchDisplayTests {
    final class Written: Sendable {
        let text = Mutex("")
        func append(_ s: String) { text.withLock { $0 += s } }
        var value: String { text.withLock { $0 } }
    }

    @Test func onATerminalLogLinesGoAboveTheProgressLineWhichIsRedrawn() {
        let written = Written()
        let display = WatchDisplay(isTerminal: true, interval: .seconds(5), write: written.append)
        display.progress("run 1: 1/4")
        display.progress("run 1: 1/4")
        display.lines(["log a"])
        display.progress("run 1: 2/4")
        display.finish("run 1 completed")
        let clear = "\r\u{1B}[2K"
        #expect(
            written.value
                == clear + "run 1: 1/4" + clear + "log a\n" + "run 1: 1/4" + clear + "run 1: 2/4" + clear
                + "run 1 completed\n")
    }

    @Test func aProgressBlockOfSeveralLinesIsClearedWholeBeforeItIsRedrawn() {
        let written = Written()
        let display = WatchDisplay(isTerminal: true, interval: .seconds(5), write: written.append)
        display.progress("run 1: 1/4\n  worker 1\n  worker 2")
        display.progress("run 1: 2/4")
        display.finish("run 1 completed")
        let clear = "\r\u{1B}[2K"
        let up = "\u{1B}[1A"
        #expect(
            written.value
                == clear + "run 1: 1/4\n  worker 1\n  worker 2" + clear + up + clear + up + clear + "run 1: 2/4" + clear
                + "run 1 completed\n")
    }

    @Test func elsewhereProgressIsAPlainLineAtMostEveryIntervalAndOnlyWhenItChanged() {
        let written = Written()
        let display = WatchDisplay(isTerminal: false, interval: .seconds(60), write: written.append)
        display.progress("run 1: 1/4")
        display.progress("run 1: 2/4")
        display.lines(["log a"])
        display.finish("run 1 completed")
        #expect(written.value == "run 1: 1/4\nlog a\nrun 1 completed\n")

        let frequent = Written()
        let often = WatchDisplay(isTerminal: false, interval: .zero, write: frequent.append)
        often.progress("run 1: 1/4")
        often.progress("run 1: 1/4")
        often.progress("run 1: 2/4")
        #expect(frequent.value == "run 1: 1/4\nrun 1: 2/4\n")
    }
}
