import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// What `athanor watch` relies on: every status change notifies the run's channel, and stored points
/// can be counted a few new rows at a time.
@Suite struct RunWatchingTests {
    private func makeRun() async throws -> (PostgresRunStore, TemporaryDatabase, instanceID: Int64) {
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: database.location)
        let instanceID = try await store.createInstance(NewInstance(name: "s", definition: [:], source: "sweep s {}"))
        return (store, database, instanceID)
    }

    @Test func statusChangesAndStoredRowsNotifyTheRunsChannel() async throws {
        let (store, database, instanceID) = try await makeRun()
        // Run ids come from an identity column: the next run of a fresh database is 1.
        let listener = try await store.listen(runID: 1)
        let collector = NotificationCollector(listener)
        let runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: nil, cellID: nil))
        #expect(runID == 1)
        try await store.log(runID: runID, level: .info, message: "started", metadata: [:])
        try await store.finishRun(id: runID, status: .cancelled, error: "cancelled", metadata: [:])
        try await store.releaseRun(id: runID)
        #expect(try await store.claimRun(id: runID) == .claimed(previous: .cancelled))
        _ = database
        let expected = [
            #"{"status" : "running"}"#, #"{"results" : 0, "logs" : 1}"#, #"{"status" : "cancelled"}"#,
            #"{"status" : "running"}"#,
        ]
        #expect(try await collector.wait { $0.payloads.count == expected.count })
        #expect(collector.payloads == expected)
    }

    @Test func storedPointsAreCountedAfterTheLastRowSeenWithoutAssertions() async throws {
        let (store, _, instanceID) = try await makeRun()
        let runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: nil, cellID: nil))
        #expect(try await store.storedPoints(runID: runID, after: 0) == StoredPointCount())
        try await store.saveResult(runID: runID, key: "m/0", value: ["output": "a", "error": nil])
        try await store.saveResult(runID: runID, key: "m/1", value: ["output": "", "error": "rate limited"])
        let first = try await store.storedPoints(runID: runID, after: 0)
        #expect(first.points == 2 && first.failures == 1 && first.lastResultID > 0)

        try await store.saveResult(runID: runID, key: "m/2", value: ["output": "b"])
        try await store.saveAssertion(runID: runID, key: "s1c1/1:1", value: ["passed": true])
        let next = try await store.storedPoints(runID: runID, after: first.lastResultID)
        #expect(next.points == 1 && next.failures == 0 && next.lastResultID > first.lastResultID)
        #expect(first.adding(next) == StoredPointCount(points: 3, failures: 1, lastResultID: next.lastResultID))
        #expect(try await store.storedPoints(runID: runID, after: next.lastResultID).points == 0)
    }

    @Test func tokensAndCostAreSummedFromTheStoredRowsWithoutAssertions() async throws {
        let (store, _, instanceID) = try await makeRun()
        let runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: nil, cellID: nil))
        func row(_ key: String, _ prompt: Int, _ completion: Int, _ cost: Double, failed: Bool = false) -> ResultRow {
            var row = ResultRow(key: key, json: "{}")
            (row.promptTokens, row.completionTokens, row.cost, row.failed) = (prompt, completion, cost, failed)
            return row
        }
        try await store.write(
            runID: runID,
            RunWrite(results: [row("one", 3, 5, 0.25), row("talk", 30, 6, 1.5), row("x", 0, 0, 0, failed: true)]))
        try await store.saveAssertion(runID: runID, key: "1", value: ["passed": true])
        let counted = try await store.storedPoints(runID: runID, after: 0)
        #expect(counted.points == 3 && counted.failures == 1)
        #expect(counted.tokens == 8 + 36)
        #expect(counted.cost == 1.75)
    }
}
