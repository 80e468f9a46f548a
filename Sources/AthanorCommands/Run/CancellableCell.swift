import Dispatch
import Foundation

/// Runs work that Ctrl-C (SIGINT) or SIGTERM cancels: the signal cancels the task, which cancels
/// requests in flight and lets the run be recorded `cancelled`. A second signal within a second
/// exits at once with status 130.
enum CancellableCell {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        let watcher = SignalWatcher { task.cancel() }
        defer { watcher.stop() }
        return await task.value
    }
}

/// Watches SIGINT and SIGTERM while a cell runs.
final class SignalWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var lastSignal: ContinuousClock.Instant?
    private(set) var fired = false

    init(onSignal: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let now = ContinuousClock.now
                let repeated: Bool = self.lock.withLock {
                    defer { self.lastSignal = now; self.fired = true }
                    return self.lastSignal.map { now - $0 < .seconds(1) } ?? false
                }
                if repeated { exit(130) }
                onSignal()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        lock.withLock {
            for source in sources { source.cancel() }
            sources = []
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
