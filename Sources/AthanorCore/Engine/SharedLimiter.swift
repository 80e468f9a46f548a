import Foundation
import Synchronization

/// A `ConcurrencyLimiter` shared by a run's request tasks (which report 429s and successes), the
/// executor's loop (which reads the limit before starting another point) and the transport
/// (which starts another of the run's requests only while fewer than the limit are in flight).
final class SharedLimiter: InFlightLimit {
    private let state: Mutex<ConcurrencyLimiter>
    private let started = Atomic<Int>(0)
    private let origin = ContinuousClock.now

    init(maximum: Int) {
        state = Mutex(ConcurrencyLimiter(maximum: maximum))
    }

    var limit: Int { state.withLock { $0.limit } }

    /// The requests the transport has started: what the run counts as its requests.
    var requestsStarted: Int { started.load(ordering: .relaxed) }

    func requestStarted() {
        started.add(1, ordering: .relaxed)
    }

    func rateLimited() {
        let now = (ContinuousClock.now - origin) / .seconds(1)
        state.withLock { $0.rateLimited(now: now) }
    }

    func succeeded() {
        state.withLock { $0.succeeded() }
    }
}
