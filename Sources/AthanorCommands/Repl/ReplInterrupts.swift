import Dispatch
import Foundation

/// Signals for the whole prompt session: the REPL variant of `SignalWatcher`.
///
/// SIGINT is ignored as a signal and watched through a dispatch source, for the session's lifetime (while
/// typing, libedit gets Ctrl-C as a key instead). While a cell runs, a first Ctrl-C cancels its task, which
/// cancels requests in flight and lets the run be recorded `cancelled`; a second within a second stops
/// *waiting*: the prompt comes back at once and the cancelled task finishes recording in the background.
/// The shell never dies from Ctrl-C, unlike batch mode where the second one exits.
///
/// SIGTERM and SIGHUP (the terminal went away) end the session instead: the running cell, if any, is
/// cancelled and given `terminationGrace` to record its end, then `onTermination` closes the session
/// and exits, so a killed prompt does not leave its session `running`.
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
        /// Returns when the cell's task has ended (recorded its outcome).
        var ended: @Sendable () async -> Void
        var lastSignal: ContinuousClock.Instant?
    }

    /// How long a cell cancelled by SIGTERM or SIGHUP may take to record its end.
    static let terminationGrace: Duration = .seconds(5)

    private let lock = NSLock()
    private var running: Running?
    private var onTermination: (@Sendable (Int32) async -> Void)?
    private var terminating = false
    private let sources: [any DispatchSourceSignal]
    private let say: @Sendable (String) -> Void

    init(say: @escaping @Sendable (String) -> Void = { StandardStreams.error($0) }) {
        self.say = say
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signalNumber, queue: .global()))
        }
        self.sources = sources
        sources[0].setEventHandler { [weak self] in self?.interrupted() }
        sources[1].setEventHandler { [weak self] in self?.terminated(by: SIGTERM) }
        sources[2].setEventHandler { [weak self] in self?.terminated(by: SIGHUP) }
        for source in sources { source.resume() }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// What SIGTERM or SIGHUP does once the running cell has ended: close the session and exit.
    func onTermination(_ handler: @escaping @Sendable (Int32) async -> Void) {
        lock.withLock { onTermination = handler }
    }

    /// Runs `body` as a task that Ctrl-C cancels, and waits for it unless Ctrl-C is pressed twice.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> Ending<T> {
        let task = Task { await body() }
        let ending = await withCheckedContinuation { (continuation: CheckedContinuation<Ending<T>, Never>) in
            let once = ResumeOnce(continuation)
            lock.withLock {
                running = Running(
                    cancel: { task.cancel() }, abandon: { once.resume(.abandoned) }, ended: { _ = await task.value },
                    lastSignal: nil)
            }
            Task { once.resume(.finished(await task.value)) }
        }
        lock.withLock { running = nil }
        return ending
    }

    private func terminated(by signalNumber: Int32) {
        let (current, handler) = lock.withLock { () -> (Running?, (@Sendable (Int32) async -> Void)?) in
            guard !terminating else { return (nil, nil) }
            terminating = true
            return (running, onTermination)
        }
        guard let handler else { return }
        current?.cancel()
        Task {
            if let current {
                // The cancelled cell records its end, unless that takes longer than the grace.
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await current.ended() }
                    group.addTask { try? await Task.sleep(for: Self.terminationGrace) }
                    await group.next()
                    group.cancelAll()
                }
            }
            await handler(signalNumber)
        }
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
