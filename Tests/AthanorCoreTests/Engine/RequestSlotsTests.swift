import Synchronization
import Testing

@testable import AthanorCore

@Suite struct RequestSlotsTests {
    /// How many slots are held now, and the most ever held at once.
    final class Held: Sendable {
        let state = Mutex((now: 0, most: 0))
    }

    @Test func neverMoreThanTheLimitAreHeldAndWaitersAreServed() async throws {
        let slots = RequestSlots(limiter: SharedLimiter(maximum: 3))
        let held = Held()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await slots.acquire()
                    held.state.withLock {
                        $0.now += 1
                        $0.most = max($0.most, $0.now)
                    }
                    try await Task.sleep(for: .milliseconds(5))
                    held.state.withLock { $0.now -= 1 }
                    slots.release()
                }
            }
            try await group.waitForAll()
        }
        #expect(held.state.withLock { $0.most } == 3)
        #expect(held.state.withLock { $0.now } == 0)
    }

    @Test func aCancelledWaiterLeavesAndFreesNothing() async throws {
        let slots = RequestSlots(limiter: SharedLimiter(maximum: 1))
        try await slots.acquire()
        let waiter = Task { try await slots.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        // The slot is still held by the first holder; once it is given back, a new waiter gets it.
        let next = Task { try await slots.acquire() }
        slots.release()
        try await next.value
    }
}
