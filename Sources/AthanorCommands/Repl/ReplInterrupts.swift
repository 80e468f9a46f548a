import Dispatch
import Foundation

/// Ctrl-C for the whole prompt session: the REPL variant of `SignalWatcher`.
///
/// SIGINT is ignored as a signal and watched through a dispatch source, for the session's lifetime (while
/// typing, libedit gets Ctrl-C as a key instead). While a cell runs, a first Ctrl-C cancels its task, which
/// cancels requests in flight and lets the run be recorded `cancelled`; a second within a second stops
/// *waiting*: the prompt comes back at once and the cancelled task finishes recording in the background.
/// The shell never dies from Ctrl-C, unlike batch mode where the second one exits.
final class ReplInterrupts: @unchecked Sendable {  // `running` is guarded by `lock`
    /// How a cell run ended for the loop.
    enum Ending<T: Sendable>: Sendable {
        case finished(T)
        /// A second Ctrl-C: the loop goes on without the result.
        case abandoned
    }

    private struct Running {
        var cancel: @Sendable () -> Void
        var abandon: @Sendable () -> Void
        var lastSignal: ContinuousClock.Instant?
    }

    private let lock = NSLock()
    private var running: Running?
    private let source: any DispatchSourceSignal
    private let say: @Sendable (String) -> Void

    init(say: @escaping @Sendable (String) -> Void = { StandardStreams.error($0) }) {
        self.say = say
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.interrupted() }
        source.resume()
    }

    deinit {
        source.cancel()
    }

    /// Runs `body` as a task that Ctrl-C cancels, and waits for it unless Ctrl-C is pressed twice.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> Ending<T> {
        let task = Task { await body() }
        let ending = await withCheckedContinuation { (continuation: CheckedContinuation<Ending<T>, Never>) in
            let once = ResumeOnce(continuation)
            lock.withLock {
                running = Running(cancel: { task.cancel() }, abandon: { once.resume(.abandoned) }, lastSignal: nil)
            }
            Task { once.resume(.finished(await task.value)) }
        }
        lock.withLock { running = nil }
        return ending
    }

    private func interrupted() {
        let now = ContinuousClock.now
        let decision: (action: @Sendable () -> Void, message: String)? = lock.withLock {
            guard var current = running else { return nil }  // between cells: nothing to stop
            if let last = current.lastSignal, now - last < .seconds(1) {
                return (current.abandon, "\nstopped waiting; the cell finishes recording in the background\n")
            }
            current.lastSignal = now
            running = current
            return (current.cancel, "\ncancelling… (Ctrl-C again to stop waiting)\n")
        }
        guard let decision else { return }
        say(decision.message)
        decision.action()
    }
}

/// Resumes a continuation at most once, whichever of two racers comes first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {  // `continuation` is guarded by `lock`
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    init(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: T) {
        let pending = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        pending?.resume(returning: value)
    }
}
