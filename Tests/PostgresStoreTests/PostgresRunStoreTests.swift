import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

@Suite struct PostgresRunStoreTests {
    private func makeStore() async throws -> (PostgresRunStore, TemporaryDatabase) {
        let database = try await TemporaryDatabase.create()
        return (try await PostgresRunStore.open(location: database.location), database)
    }

    @Test func aWholeSessionRoundTrips() async throws {
        let (store, _) = try await makeStore()
        let sessionID = try await store.startSession(NewSession(kind: .script, sourcePath: "capitals.ath"))
        let cellID = try await store.startCell(
            NewCell(sessionID: sessionID, position: 1, title: "ask", source: "ask …"))
        let definition: JSONValue = ["models": ["m1", "m2"], "plan": ["requests": 2]]
        let instanceID = try await store.createInstance(
            NewInstance(name: "capitals", definition: definition, source: "ask …", sessionID: sessionID, cellID: cellID)
        )
        let runID = try await store.startRun(
            NewRun(instanceID: instanceID, sessionID: sessionID, cellID: cellID, metadata: ["concurrency": 4]))

        let before = try #require(try await store.run(id: runID))
        #expect(before.status == .running)
        #expect(before.startedAt != nil && before.completedAt == nil)

        let point: JSONValue = ["text": "Paris", "tokens": [["token": "Paris", "logprob": -0.01]], "ok": true]
        try await store.saveResult(runID: runID, key: "m1/0", value: point)
        try await store.saveResult(runID: runID, key: "m2/0", value: ["text": "Lyon", "cost": nil])
        try await store.log(runID: runID, level: .info, message: "started", metadata: ["n": 2])
        try await store.log(runID: runID, level: .warning, message: "slow", metadata: [:])
        try await store.finishRun(id: runID, status: .completed, error: nil, metadata: ["tokens": 42])
        try await store.finishCell(
            id: cellID, outcome: CellOutcome(status: .succeeded, output: "Paris\n", runIDs: [runID]))
        try await store.finishSession(id: sessionID, status: .completed)

        let run = try #require(try await store.run(id: runID))
        #expect(run.instanceID == instanceID && run.instanceName == "capitals")
        #expect(run.sessionID == sessionID && run.cellID == cellID)
        #expect(run.status == .completed && run.error == nil && run.completedAt != nil)
        #expect(run.metadata == ["concurrency": 4, "tokens": 42])
        #expect(run.definition == definition)

        let results = try await store.results(runID: runID)
        #expect(results.map(\.key) == ["m1/0", "m2/0"])
        #expect(results[0].value == point)
        #expect(results[1].value == ["text": "Lyon", "cost": nil])

        let logs = try await store.logs(runID: runID, limit: 10)
        #expect(logs.map(\.message) == ["started", "slow"])
        #expect(logs.map(\.level) == [.info, .warning])
        #expect(logs[0].metadata == ["n": 2])
        #expect(try await store.logs(runID: runID, limit: 1).map(\.message) == ["slow"])

        #expect(try await store.recentRuns(limit: 5).map(\.id) == [runID])

        let session = try #require(try await store.sessions(limit: 5).first)
        #expect(session.id == sessionID && session.kind == .script && session.status == .completed)
        #expect(session.sourcePath == "capitals.ath" && session.endedAt != nil)

        let cells = try await store.cells(sessionID: sessionID)
        #expect(cells.count == 1)
        #expect(cells.first?.status == .succeeded && cells.first?.output == "Paris\n")
        #expect(cells.first?.runIDs == [runID] && cells.first?.title == "ask")
    }

    @Test func aDuplicateResultKeyIsStoredOnce() async throws {
        let (store, _) = try await makeStore()
        let runID = try await startRun(store)
        try await store.saveResult(runID: runID, key: "p", value: "first")
        try await store.saveResult(runID: runID, key: "p", value: "second")
        #expect(try await store.results(runID: runID).map(\.value) == ["first"])
    }

    @Test func nulAndOddUnicodeSurviveStorage() async throws {
        let (store, _) = try await makeStore()
        let runID = try await startRun(store)
        let odd = "e\u{301} 🧑‍🔬 \u{202E}rtl \u{FEFF} \u{1} tab\t\"q\" \\"
        try await store.saveResult(runID: runID, key: "nul\u{0}key", value: ["token": "a\u{0}b", "odd": .string(odd)])
        try await store.log(runID: runID, level: .debug, message: "msg\u{0}end \(odd)", metadata: [:])
        try await store.finishRun(id: runID, status: .failed, error: "bad\u{0}byte", metadata: [:])

        let result = try #require(try await store.results(runID: runID).first)
        #expect(result.key == "nul\u{FFFD}key")
        #expect(result.value == ["token": "a\u{FFFD}b", "odd": .string(odd)])
        #expect(try await store.logs(runID: runID, limit: 1).first?.message == "msg\u{FFFD}end \(odd)")
        #expect(try await store.run(id: runID)?.error == "bad\u{FFFD}byte")
    }

    @Test func quotesAreStoredLiterally() async throws {
        let (store, _) = try await makeStore()
        let evil = "'; drop table experiment_runs; --"
        let instanceID = try await store.createInstance(NewInstance(name: evil, definition: [evil: .string(evil)]))
        let runID = try await store.startRun(NewRun(instanceID: instanceID))
        try await store.saveResult(runID: runID, key: evil, value: .string(evil))
        let run = try #require(try await store.run(id: runID))
        #expect(run.instanceName == evil && run.definition == [evil: .string(evil)])
        #expect(try await store.results(runID: runID).first?.key == evil)
    }

    @Test func theStoreReconnectsAfterItsBackendIsKilled() async throws {
        let (store, database) = try await makeStore()
        let runID = try await startRun(store)
        let killer = try database.connect()
        try killer.execute(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """)
        try await Task.sleep(for: .milliseconds(100))
        try await store.saveResult(runID: runID, key: "after", value: 1)
        #expect(try await store.results(runID: runID).map(\.key) == ["after"])
    }

    @Test func finishingSomethingMissingIsNotFound() async throws {
        let (store, _) = try await makeStore()
        await #expect(throws: DatabaseError.self) {
            try await store.finishRun(id: 999, status: .completed, error: nil, metadata: [:])
        }
    }

    private func startRun(_ store: PostgresRunStore) async throws -> Int64 {
        let instanceID = try await store.createInstance(NewInstance(name: "t", definition: [:]))
        return try await store.startRun(NewRun(instanceID: instanceID))
    }
}
