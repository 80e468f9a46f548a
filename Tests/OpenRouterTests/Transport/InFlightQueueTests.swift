import AthanorCore
import Synchronization
import Testing

@testable import OpenRouter

@Suite struct InFlightQueueTests {
    /// A limit the test sets by hand.
    final class Limit: InFlightLimit {
        let value: Mutex<Int>
        init(_ limit: Int) { value = Mutex(limit) }
        var limit: Int { value.withLock { $0 } }
        func set(_ limit: Int) { value.withLock { $0 = limit } }
        func requestStarted() {}
    }

    @Test func startsNoMoreThanTheLimitOldestFirst() {
        let limit = Limit(2)
        var queue = InFlightQueue<Int>()
        for id in 1...5 { queue.enqueue(id, limit: limit) }
        #expect(queue.admit() == [1, 2])
        #expect(queue.inFlight(of: limit) == 2)
        #expect(queue.admit() == [])
        queue.ended(limit)
        #expect(queue.mayAdmit)
        #expect(queue.admit() == [3])
        queue.ended(limit)
        queue.ended(limit)
        #expect(queue.admit() == [4, 5])
        #expect(queue.isEmpty)
        #expect(!queue.mayAdmit)
    }

    @Test func aFullLimitHoldsBackOnlyItsOwnTransfers() {
        let full = Limit(1)
        let open = Limit(10)
        var queue = InFlightQueue<String>()
        queue.enqueue("a1", limit: full)
        queue.enqueue("a2", limit: full)
        queue.enqueue("b1", limit: open)
        queue.enqueue("b2", limit: open)
        #expect(queue.admit() == ["a1", "b1", "b2"])
        #expect(queue.inFlight(of: full) == 1)
        #expect(queue.inFlight(of: open) == 2)
    }

    @Test func aLoweredLimitAppliesFromTheNextStartAndARaisedOneAtTheNextTurn() {
        let limit = Limit(3)
        var queue = InFlightQueue<Int>()
        for id in 1...8 { queue.enqueue(id, limit: limit) }
        #expect(queue.admit() == [1, 2, 3])
        limit.set(1)
        queue.ended(limit)
        #expect(queue.admit() == [])  // two still in flight, above the new limit of one
        queue.ended(limit)
        queue.ended(limit)
        #expect(queue.admit() == [4])
        limit.set(4)
        queue.ended(limit)
        #expect(queue.admit() == [5, 6, 7, 8])
    }

    @Test func aLimitBelowOneStillLetsOneThrough() {
        let limit = Limit(0)
        var queue = InFlightQueue<Int>()
        queue.enqueue(1, limit: limit)
        queue.enqueue(2, limit: limit)
        #expect(queue.admit() == [1])
    }

    @Test func aWaitingTransferCanBeTakenOutWithoutTouchingTheCounts() {
        let limit = Limit(1)
        var queue = InFlightQueue<Int>()
        for id in 1...3 { queue.enqueue(id, limit: limit) }
        #expect(queue.admit() == [1])
        #expect(queue.remove(where: { $0 == 2 }) == 2)
        #expect(queue.remove(where: { $0 == 2 }) == nil)
        #expect(queue.inFlight(of: limit) == 1)
        queue.ended(limit)
        #expect(queue.admit() == [3])
    }
}
