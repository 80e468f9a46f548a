import Foundation
import Synchronization

/// A `ConcurrencyLimiter` shared by a run's request tasks (which report 429s and successes) and
/// the executor's loop (which reads the limit before starting another point).
final class SharedLimiter: Sendable {
    private let state: Mutex<ConcurrencyLimiter>
    private let origin = ContinuousClock.now

    init(maximum: Int) {
        state = Mutex(ConcurrencyLimiter(maximum: maximum))
    }

    var limit: Int { state.withLock { $0.limit } }

    func rateLimited() {
        let now = (ContinuousClock.now - origin) / .seconds(1)
        state.withLock { $0.rateLimited(now: now) }
    }

    func succeeded() {
        state.withLock { $0.succeeded() }
    }
}
