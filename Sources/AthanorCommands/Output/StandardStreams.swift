import Foundation
import Synchronization
import Terminal

/// Writes to the process's standard streams without going through C's `stdout` globals
/// (which Swift 6 treats as shared mutable state).
///
/// A write to a pipe whose reader has gone (`athanor run x | head -1`) fails with EPIPE (SIGPIPE
/// is ignored while `Interrupts` watch a run): `outputClosed` hears of it once, and later output
/// is dropped, so the running cell is stopped and recorded as a signal would have it.
enum StandardStreams {
    static func out(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Standard error is a terminal that takes escape sequences (not `TERM=dumb`): progress redraws its line.
    static var errorIsTerminal: Bool {
        isatty(STDERR_FILENO) == 1 && !TerminalSize.isDumb()
    }

    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Called once, from the writing thread, when standard output's reader has gone.
    static func onOutputClosed(_ handler: (@Sendable () -> Void)?) {
        state.withLock { $0.onOutputClosed = handler }
    }

    private struct State {
        var onOutputClosed: (@Sendable () -> Void)?
        var closed: Set<Int32> = []
    }

    private static let state = Mutex(State())

    private static func write(_ text: String, to descriptor: Int32) {
        guard !state.withLock({ $0.closed.contains(descriptor) }) else { return }
        var text = text
        let failed: Int32? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        guard failed == EPIPE else { return }
        let handler = state.withLock { state -> (@Sendable () -> Void)? in
            guard state.closed.insert(descriptor).inserted else { return nil }
            return descriptor == STDOUT_FILENO ? state.onOutputClosed : nil
        }
        handler?()
    }
}
