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
        try await store.log(runID: runID, [LogRow(level: .info, message: "started", metadata: [:])])
        try await store.finishRun(id: runID, status: .cancelled, error: "cancelled", metadata: [:])
        try await store.reopenRun(id: runID)
        // A stale heartbeat: the process running it died.
        _ = try database.connect().execute(
            "UPDATE experiment_runs SET heartbeat_at = now() - interval '1 hour' WHERE id = \(runID)")
        #expect(try await store.markInterruptedRuns(staleAfter: 60) == 1)
        let expected = [
            #"{"status" : "running"}"#, #"{"logs" : 1}"#, #"{"status" : "cancelled"}"#, #"{"status" : "running"}"#,
            #"{"status" : "interrupted"}"#,
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
        try await store.saveResult(runID: runID, key: "assert/1", value: ["passed": true])
        let next = try await store.storedPoints(runID: runID, after: first.lastResultID)
        #expect(next.points == 1 && next.failures == 0 && next.lastResultID > first.lastResultID)
        #expect(first.adding(next) == StoredPointCount(points: 3, failures: 1, lastResultID: next.lastResultID))
        #expect(try await store.storedPoints(runID: runID, after: next.lastResultID).points == 0)
    }

    @Test func tokensAndCostAreSummedOverEveryTurnOfEveryPoint() async throws {
        let (store, _, instanceID) = try await makeRun()
        let runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: nil, cellID: nil))
        func usage(_ prompt: Int, _ completion: Int, _ cost: Double) -> JSONValue {
            [
                "usage": [
                    "prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(completion)),
                    "cost": .number(cost),
                ]
            ]
        }
        try await store.saveResult(runID: runID, key: "one", value: ["error": nil, "response": usage(3, 5, 0.25)])
        try await store.saveResult(
            runID: runID, key: "talk",
            value: ["error": nil, "turns": [["response": usage(10, 2, 0.5)], ["response": usage(20, 4, 1)]]])
        try await store.saveResult(runID: runID, key: "failed", value: ["error": "rate limited"])
        try await store.saveResult(
            runID: runID, key: "assert/1", value: ["passed": true, "response": usage(100, 100, 100)])
        let counted = try await store.storedPoints(runID: runID, after: 0)
        #expect(counted.points == 3 && counted.failures == 1)
        #expect(counted.tokens == 8 + 12 + 24)
        #expect(counted.cost == 1.75)
    }
}
