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
        let elapsed = ContinuousClock.now - origin
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        state.withLock { $0.rateLimited(now: now) }
    }

    func succeeded() {
        state.withLock { $0.succeeded() }
    }
}
