import Foundation
import Testing

@testable import AthanorCore

@Suite struct WriteBatchTests {
    func row(_ key: String) -> ResultRow { ResultRow(key: key, value: .string(key)) }

    @Test func anEmptyBatchIsNeverDue() {
        #expect(!WriteBatch().isDue(now: 1_000))
    }

    @Test func dueWhenTheOldestRowHasWaited100Milliseconds() {
        var batch = WriteBatch()
        batch.add(row("a"), now: 10)
        batch.add(row("b"), now: 10.09)
        #expect(!batch.isDue(now: 10.09))
        #expect(batch.isDue(now: 10.11))
    }

    @Test func dueAtOnceWithEnoughRows() {
        var batch = WriteBatch(dueRows: 3)
        for key in ["a", "b"] { batch.add(row(key), now: 0) }
        #expect(!batch.isDue(now: 0))
        batch.add(LogRow(level: .info, message: "m", metadata: [:]), now: 0)
        #expect(batch.isDue(now: 0))
    }

    @Test func takeEmptiesAndRestartsTheClock() {
        var batch = WriteBatch()
        batch.add(row("a"), now: 0)
        let taken = batch.take()
        #expect(taken.results.map(\.key) == ["a"])
        #expect(batch.isEmpty)
        batch.add(row("b"), now: 5)
        #expect(!batch.isDue(now: 5.05))
    }

    @Test func rowsPutBackGoFirstAndKeepTheirAge() {
        var batch = WriteBatch()
        batch.add(row("a"), now: 0)
        let taken = batch.take()
        batch.add(row("b"), now: 0.5)
        batch.putBack(taken, since: 0)
        #expect(batch.results.map(\.key) == ["a", "b"])
        #expect(batch.isDue(now: 0.2))
    }
}
