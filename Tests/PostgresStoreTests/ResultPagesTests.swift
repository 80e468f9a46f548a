import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// A run's results read a page at a time in plan order (`results(runID:after:limit:)`,
/// `StoredResults`), and the variable names export makes columns of before reading them.
@Suite struct ResultPagesTests {
    private func storeWithRun() async throws -> (PostgresRunStore, Int64) {
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: database.location)
        let instanceID = try await store.createInstance(NewInstance(name: "sweep", definition: [:]))
        return (store, try await store.startRun(NewRun(instanceID: instanceID)))
    }

    @Test func pagesFollowThePlanWhateverTheOrderResultsWereStoredIn() async throws {
        let (store, runID) = try await storeWithRun()
        // Stored out of plan order, as concurrent requests finish; one row without an index reads
        // as point 0, after the point-0 row stored before it.
        for index in [4, 0, 3, 1, 2] {
            try await store.saveResult(
                runID: runID, key: "p\(index)", value: ["index": .number(Double(index)), "vars": ["x": 1]])
        }
        try await store.saveResult(runID: runID, key: "no-index", value: ["vars": ["y": 2, "a": 3]])
        try await store.saveAssertion(runID: runID, key: "check", value: ["passed": true])

        let first = try await store.results(runID: runID, after: nil, limit: 2)
        #expect(first.map(\.result.key) == ["p0", "no-index"])
        #expect(first.map(\.position.pointIndex) == [0, 0])
        let second = try await store.results(runID: runID, after: first.last?.position, limit: 2)
        #expect(second.map(\.result.key) == ["p1", "p2"])

        var streamed: [String] = []
        for try await result in store.results(runID: runID, pageSize: 2) { streamed.append(result.key) }
        #expect(streamed == ["p0", "no-index", "p1", "p2", "p3", "p4"], "every point once, no assertion")
        #expect(
            try await store.results(runID: runID).map { ResultValue(key: $0.key, json: $0.value) }
                .sorted { $0.index < $1.index }.map(\.key) == streamed,
            "the order the whole-run read sorts into")

        let names = try await store.resultVariableNames(runID: runID)
        #expect(names == [["x"], ["a", "y"]], "each set once, by its first point")
    }

    @Test func aRunWithoutResultsReadsAsNothing() async throws {
        let (store, runID) = try await storeWithRun()
        var count = 0
        for try await _ in store.results(runID: runID) { count += 1 }
        #expect(count == 0)
        #expect(try await store.resultVariableNames(runID: runID) == [])
    }
}
