import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// A run's stored plan, its points' states, its owner, and how it ends: all from rows.
@Suite struct RunPlanTests {
    private func makeRun(points count: Int) async throws -> (PostgresRunStore, TemporaryDatabase, runID: Int64) {
        try await runWithStoredPlan(points: count, label: { "n=\($0)\ttab\\" })
    }

    private func row(_ i: Int, _ key: String, json: String = #"{"output": "ok"}"#, failed: Bool = false) -> ResultRow {
        var row = ResultRow(key: key, pointIndex: i, json: json)
        row.failed = failed
        row.requests = 1
        return row
    }

    @Test func thePlanIsStoredWholeAndReadBackInPagesOfOpenPoints() async throws {
        let (store, _, runID) = try await makeRun(points: 1_200)
        #expect(try await store.pointCounts(runID: runID).pending == 1_200)
        let first = try await store.openPoints(runID: runID, after: -1, limit: 500, includeFailed: false)
        #expect(first.map(\.index) == Array(0..<500))
        let heads = try #require(try await store.planHeads(runID: runID))
        let point = try #require(PlanPoint(stored: first[7], heads: heads))
        #expect(point.label == "n=7\ttab\\" && point.turns.first?.messages.first?.content == "Say 7\nand a line")
        let keys = try await store.openPoints(runID: runID, after: 499, limit: 1_000, includeFailed: false)
        #expect(keys.count == 700 && keys.first?.index == 500)
    }

    @Test func aRowTheDatabaseRefusesIsStoredAsItsPointsErrorAndTheBatchGoesOn() async throws {
        let (store, _, runID) = try await makeRun(points: 3)
        let points = try await store.openPoints(runID: runID, after: -1, limit: 3, includeFailed: false)
        try await store.write(
            runID: runID,
            RunWrite(
                logs: [LogRow(level: .info, message: "three answers", metadata: [:])],
                results: [row(0, points[0].key), row(1, points[1].key, json: "{not json"), row(2, points[2].key)],
                sent: [0, 1, 2]))
        let counts = try await store.pointCounts(runID: runID)
        #expect(counts.answered == 2 && counts.failed == 1 && counts.open == 0)
        let results = try await store.results(runID: runID)
        #expect(results.count == 3)
        let refused = try #require(results.first { $0.key == points[1].key })
        #expect(refused.value["error"]?.stringValue?.hasPrefix("the answer could not be stored") == true)
        #expect(try await store.logs(runID: runID, limit: 5).map(\.message) == ["three answers"])
    }

    @Test func heldAnswersAreStoredOnlyForTheirPointsAndARefusedOneAsItsError() async throws {
        let (store, _, runID) = try await makeRun(points: 3)
        let points = try await store.openPoints(runID: runID, after: -1, limit: 3, includeFailed: false)
        let held = [
            row(0, points[0].key), row(1, points[1].key, json: "{not json"), row(2, "not this plan's key"),
        ]
        #expect(try await store.storeHeldAnswers(runID: runID, held) == 2)
        let counts = try await store.pointCounts(runID: runID)
        #expect(counts.answered == 1 && counts.failed == 1 && counts.pending == 1)
    }

    @Test func aRunEndsWithTheStatusItsRowsSay() async throws {
        let (store, _, runID) = try await makeRun(points: 3)
        let points = try await store.openPoints(runID: runID, after: -1, limit: 3, includeFailed: false)
        try await store.write(runID: runID, RunWrite(results: [row(0, points[0].key)], sent: [1]))
        #expect(try await store.pointCounts(runID: runID).sent == 1)
        // Two points have no answer: whatever the process thought, the run is not completed.
        let cut = try await store.concludeRun(id: runID, cancelled: false, error: nil, wallMilliseconds: 5)
        #expect(cut.status == .failed && cut.counts.open == 2 && cut.totals.points == 1 && cut.totals.requests == 1)
        #expect(try await store.run(id: runID)?.error == "2 of 3 points have neither an answer nor an error")

        #expect(try await store.claimRun(id: runID) == .claimed(previous: .failed))
        try await store.write(
            runID: runID, RunWrite(results: [row(1, points[1].key), row(2, points[2].key, failed: true)]))
        let done = try await store.concludeRun(id: runID, cancelled: false, error: nil, wallMilliseconds: 5)
        #expect(done.status == .completed && done.totals.points == 3 && done.totals.failures == 1)

        // A failure is replaced by a later answer (resume --failed); an answer never is.
        #expect(try await store.claimRun(id: runID) == .claimed(previous: .completed))
        try await store.write(
            runID: runID,
            RunWrite(results: [row(2, points[2].key), row(0, points[0].key, json: #"{"output": "changed"}"#)]))
        let again = try await store.concludeRun(id: runID, cancelled: false, error: nil, wallMilliseconds: 5)
        #expect(again.counts.answered == 3 && again.totals.failures == 0 && again.totals.requests == 4)
        #expect(try await store.results(runID: runID).first { $0.key == points[0].key }?.value["output"] == "ok")
    }

    @Test func aRunIsOwnedByTheProcessThatRunsItUntilItsConnectionEnds() async throws {
        let (store, database, runID) = try await makeRun(points: 1)
        let other = try await PostgresRunStore.open(location: database.location)
        #expect(
            try await other.claimRun(id: runID)
                == .ownedElsewhere(owner: ProcessInfo.processInfo.hostName + " pid \(getpid())"))
        #expect(try await other.run(id: runID)?.status == .running)

        // The owner's server process is killed: its lock goes with it, and the run reads interrupted.
        let killer = try database.connect()
        try killer.execute(
            """
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await other.run(id: runID)?.status == .interrupted)
        // The owner takes it again when it notices, as long as nobody else did.
        try await store.confirmOwnership(runID: runID)
        #expect(try await other.run(id: runID)?.status == .running)

        // Another process takes it while the owner is away: the owner is told, and stops.
        try killer.execute(
            """
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await other.claimRun(id: runID) == .claimed(previous: .running))
        await #expect(throws: RunStoreError.ownershipLost(runID: runID)) {
            try await store.confirmOwnership(runID: runID)
        }
    }
}
