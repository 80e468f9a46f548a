import Foundation
import Synchronization

/// A `ConcurrencyLimiter` shared by a run's request tasks (which report 429s and successes, and
/// the waits before their retries), the executor's loop (which reads the limit and the waiting
/// before starting another point) and the transport (which starts another of the run's requests
/// only while fewer than the limit are in flight).
final class SharedLimiter: InFlightLimit {
    private let state: Mutex<ConcurrencyLimiter>
    private let started = Atomic<Int>(0)
    private let waits = Atomic<Int>(0)
    private let origin = ContinuousClock.now
    private let onWait: @Sendable () -> Void

    /// `onWait` is called each time a point starts waiting to retry.
    init(maximum: Int, onWait: @escaping @Sendable () -> Void = {}) {
        state = Mutex(ConcurrencyLimiter(maximum: maximum))
        self.onWait = onWait
    }

    /// Points waiting now before they retry (they hold no request in flight).
    var waiting: Int { waits.load(ordering: .relaxed) }

    /// Runs `wait` (a point's pause before its retry) counted in `waiting`.
    func waiting(_ wait: () async throws -> Void) async rethrows {
        waits.add(1, ordering: .relaxed)
        defer { waits.subtract(1, ordering: .relaxed) }
        onWait()
        try await wait()
    }

    var limit: Int { state.withLock { $0.limit } }

    /// The requests the transport has started: what the run counts as its requests.
    var requestsStarted: Int { started.load(ordering: .relaxed) }

    func requestStarted() {
        started.add(1, ordering: .relaxed)
    }

    /// Seconds since the run began: when a request is handed to the transport, for `rateLimited`.
    var now: Double { (ContinuousClock.now - origin) / .seconds(1) }

    /// The request handed over at `sentAt` (`now` then) was rate limited.
    func rateLimited(sentAt: Double) {
        let now = self.now
        state.withLock { $0.rateLimited(sentAt: sentAt, now: now) }
    }

    func succeeded() {
        state.withLock { $0.succeeded() }
    }
}
