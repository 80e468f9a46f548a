import Dispatch
import Foundation

/// The one interrupt sequence: what Ctrl-C, SIGTERM, SIGHUP and a closed output pipe do to the
/// work running now, in batch (`athanor run`, `replay`, `resume`, `watch`) and at the prompt.
///
/// The signals are ignored as signals and watched through dispatch sources; SIGPIPE is ignored so
/// that a write to a pipe whose reader went away fails instead of killing the process, and
/// `StandardStreams` reports it here.
///
/// - In batch, any of them cancels the running task, which cancels requests in flight and lets
///   the run, its cell and its session be recorded `cancelled`; a second within a second exits
///   at once with status 130.
/// - At the prompt, Ctrl-C cancels the running cell (typing, libedit gets it as a key instead; while
///   a pager or an editor has the terminal, `LentTerminal`, it is theirs); a
///   second within a second stops *waiting*: the prompt comes back at once and the cancelled task
///   finishes recording in the background. The shell never dies from Ctrl-C. SIGTERM, SIGHUP (the
///   terminal went away) and a closed output end the session: the running cell, if any, is
///   cancelled and given `terminationGrace` to record its end, then `onTermination` closes the
///   session and exits, so a killed prompt does not leave its session `running`.
final class Interrupts: @unchecked Sendable {  // `running`, `onTermination` and `terminating` are guarded by `lock`
    enum Mode: Sendable {
        case batch, prompt
    }

    /// How a run of the work ended for its caller.
    enum Ending<T: Sendable>: Sendable {
        case finished(T)
        /// A second Ctrl-C at the prompt: the loop goes on without the result.
        case abandoned
    }

    private struct Running {
        var cancel: @Sendable () -> Void
        var abandon: @Sendable () -> Void
        /// Returns when the task has ended (recorded its outcome).
        var ended: @Sendable () async -> Void
        var lastSignal: ContinuousClock.Instant?
    }

    /// How long a cell cancelled by SIGTERM or SIGHUP may take to record its end.
    static let terminationGrace: Duration = .seconds(5)
    static let watched = [SIGINT, SIGTERM, SIGHUP]

    let mode: Mode
    private let lock = NSLock()
    private var running: Running?
    private var onTermination: (@Sendable (Int32) async -> Void)?
    private var terminating = false
    private var sources: [any DispatchSourceSignal] = []
    private let say: @Sendable (String) -> Void

    init(mode: Mode, say: @escaping @Sendable (String) -> Void = { StandardStreams.error($0) }) {
        self.mode = mode
        self.say = say
        signal(SIGPIPE, SIG_IGN)
        for signalNumber in Self.watched {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.received(signalNumber) }
            source.resume()
            sources.append(source)
        }
        StandardStreams.onOutputClosed { [weak self] in self?.received(SIGPIPE) }
    }

    deinit {
        stop()
    }

    /// Stops watching: the signals do what they do by default again.
    func stop() {
        let stopped = lock.withLock {
            defer { sources = [] }
            return sources
        }
        guard !stopped.isEmpty else { return }
        for source in stopped { source.cancel() }
        for signalNumber in Self.watched { signal(signalNumber, SIG_DFL) }
        StandardStreams.onOutputClosed(nil)
    }

    /// At the prompt, what SIGTERM, SIGHUP or a closed output does once the running cell has
    /// ended: close the session and exit.
    func onTermination(_ handler: @escaping @Sendable (Int32) async -> Void) {
        lock.withLock { onTermination = handler }
    }

    /// Runs `body` as a task the interrupts cancel, and waits for it (at the prompt, unless Ctrl-C
    /// is pressed twice).
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

    /// `run` in batch, where nothing abandons the work: it always finishes (cancelled or not), so
    /// its value always comes back.
    func runToEnd<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        switch await run(body) {
        case .finished(let value): return value
        case .abandoned: preconditionFailure("only the prompt abandons a cell")
        }
    }

    private func received(_ signalNumber: Int32) {
        switch (mode, signalNumber) {
        case (.prompt, SIGINT): interrupted()
        case (.prompt, _): terminated(by: signalNumber)
        case (.batch, _): cancelled()
        }
    }

    /// Batch: cancel the work; a second signal within a second exits at once.
    private func cancelled() {
        let now = ContinuousClock.now
        let cancel: (@Sendable () -> Void)? = lock.withLock {
            guard var current = running else { return nil }
            if let last = current.lastSignal, now - last < .seconds(1) { exit(130) }
            current.lastSignal = now
            running = current
            return current.cancel
        }
        cancel?()
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
        guard !LentTerminal.isLent else { return }  // the pager's or editor's Ctrl-C, not the cell's
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

extension Interrupts {
    /// Runs batch work that Ctrl-C, SIGTERM, SIGHUP or a closed output pipe cancel.
    static func batch<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let interrupts = Interrupts(mode: .batch)
        defer { interrupts.stop() }
        return await interrupts.runToEnd(body)
    }
}
