import Synchronization

/// The requests a run has in flight, at most the limiter's current limit: a point takes a slot for
/// each request it sends and gives it back as soon as the answer is in.
///
/// The executor keeps more points going than there are slots, so reading, writing and storing
/// one answer overlaps the next request instead of delaying it: on a small machine that work,
/// not the provider, would otherwise set the pace of a sweep. Waiters are served in order.
final class RequestSlots: Sendable {
    private struct State {
        var busy = 0
        var nextTicket = 0
        var waiting: [(ticket: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        /// Tickets cancelled before they started waiting.
        var cancelled: Set<Int> = []
    }

    private let state = Mutex(State())
    private let limiter: SharedLimiter

    init(limiter: SharedLimiter) {
        self.limiter = limiter
    }

    /// Waits for a free slot; throws `CancellationError` if the task is cancelled meanwhile.
    func acquire() async throws {
        let ticket = state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Start { case granted, cancelled, waiting }
                let start = state.withLock { state -> Start in
                    if state.cancelled.remove(ticket) != nil { return .cancelled }
                    if state.waiting.isEmpty, state.busy < limiter.limit {
                        state.busy += 1
                        return .granted
                    }
                    state.waiting.append((ticket, continuation))
                    return .waiting
                }
                switch start {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiting.firstIndex(where: { $0.ticket == ticket }) else {
                    state.cancelled.insert(ticket)
                    return nil
                }
                return state.waiting.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
        // A ticket granted before its cancellation was noticed leaves no mark behind.
        state.withLock { _ = $0.cancelled.remove(ticket) }
    }

    /// Gives a slot back, and hands it to the longest waiter if the limit allows.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            state.busy -= 1
            guard !state.waiting.isEmpty, state.busy < limiter.limit else { return nil }
            state.busy += 1
            return state.waiting.removeFirst().continuation
        }
        next?.resume()
    }
}
