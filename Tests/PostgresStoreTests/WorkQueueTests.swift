import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// Queued runs drained by workers, each worker its own connection as each is its own process: a
/// claim never hands a point to two workers, a dead or lapsed worker's points go back, and an
/// answer from a worker that no longer holds its point is refused.
@Suite struct WorkQueueTests {
    /// A queued run of `count` points, and the database for more workers' connections.
    private func queuedRun(points count: Int) async throws -> (PostgresRunStore, TemporaryDatabase, runID: Int64) {
        let (store, database, runID) = try await runWithStoredPlan(points: count)
        try await store.queueRun(id: runID)
        return (store, database, runID)
    }

    private func answer(_ point: StoredPoint) -> ResultRow {
        var row = ResultRow(key: point.key, pointIndex: point.index, json: #"{"output": "ok"}"#)
        row.requests = 1
        row.promptTokens = 3
        return row
    }

    @Test func aQueuedRunWaitsForWorkersAndItsOwnerLetsItGo() async throws {
        let (store, database, runID) = try await queuedRun(points: 3)
        #expect(try await store.run(id: runID)?.status == .pending)
        #expect(try await store.nextQueuedRun(only: nil, skipping: []) == runID)
        #expect(try await store.nextQueuedRun(only: nil, skipping: [runID]) == nil)
        // Nobody holds it: a resume elsewhere could take it, and a worker can join it.
        let other = try await PostgresRunStore.open(location: database.location)
        let worker = try await other.registerWorker(concurrency: 4)
        #expect(try await other.joinRun(id: runID, worker: worker.id))
        #expect(try await store.run(id: runID)?.status == .running)
    }

    @Test func concurrentClaimsNeverShareAPoint() async throws {
        let (_, database, runID) = try await queuedRun(points: 600)
        let stores = try await withThrowingTaskGroup(of: PostgresRunStore.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresRunStore.open(location: database.location) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var workers: [Int64] = []
        for store in stores {
            let worker = try await store.registerWorker(concurrency: 10)
            #expect(try await store.joinRun(id: runID, worker: worker.id))
            workers.append(worker.id)
        }
        let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (store, worker) in zip(stores, workers) {
                group.addTask {
                    var mine: [Int] = []
                    while true {
                        let claim = try await store.claimPoints(
                            runID: runID, worker: worker, after: -1, limit: 7, lease: 30)
                        if claim.points.isEmpty { return mine }
                        #expect(claim.databaseSeconds >= 0 && claim.databaseSeconds < 5)
                        mine += claim.points.map(\.index)
                    }
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        let all = claimed.flatMap { $0 }
        #expect(all.count == 600)
        #expect(Set(all).count == 600)
        #expect(try await stores[0].openWork(runID: runID, worker: workers[0]).claimable == 0)
        let held = try await stores[0].workers(runID: runID).map(\.claimed).reduce(0, +)
        #expect(held == 600)
    }

    @Test func aClaimStartsAfterThePointItIsGivenAndFromTheStartFindsWhatWasLeftBehind() async throws {
        let (store, _, runID) = try await queuedRun(points: 10)
        let worker = try await store.registerWorker(concurrency: 4)
        #expect(try await store.joinRun(id: runID, worker: worker.id))
        let later = try await store.claimPoints(runID: runID, worker: worker.id, after: 5, limit: 10, lease: 30)
        #expect(later.points.map(\.index) == [6, 7, 8, 9])
        #expect(
            try await store.claimPoints(runID: runID, worker: worker.id, after: 9, limit: 10, lease: 30).points.isEmpty)
        let behind = try await store.claimPoints(runID: runID, worker: worker.id, after: -1, limit: 10, lease: 30)
        #expect(behind.points.map(\.index) == [0, 1, 2, 3, 4, 5])
    }

    @Test func aLapsedWorkersPointsGoBackAndItsLateAnswersAreRefused() async throws {
        let (store, database, runID) = try await queuedRun(points: 10)
        let late = try await PostgresRunStore.open(location: database.location)
        let lateWorker = try await late.registerWorker(concurrency: 4)
        #expect(try await late.joinRun(id: runID, worker: lateWorker.id))
        let lapsed = try await late.claimPoints(runID: runID, worker: lateWorker.id, after: -1, limit: 4, lease: 1)
            .points
        #expect(lapsed.map(\.index) == [0, 1, 2, 3])

        let worker = try await store.registerWorker(concurrency: 4)
        #expect(try await store.joinRun(id: runID, worker: worker.id))
        // Still held: nothing to take back yet.
        #expect(try await store.reclaimAbandoned(runID: runID) == 0)
        #expect(try await store.openWork(runID: runID, worker: worker.id) == OpenWork(claimable: 6, heldByOthers: 4))
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(try await store.reclaimAbandoned(runID: runID) == 4)
        let mine = try await store.claimPoints(runID: runID, worker: worker.id, after: -1, limit: 20, lease: 30).points
        #expect(mine.count == 10)

        // The lapsed worker comes back with its answers before the new holder's: refused, and not
        // counted as its work.
        try await late.write(runID: runID, RunWrite(results: lapsed.map(answer), worker: lateWorker.id))
        #expect(try await store.results(runID: runID).isEmpty)
        #expect(try await late.renewLeases(worker: lateWorker.id, lease: 30) == 0)
        try await store.write(runID: runID, RunWrite(results: mine.map(answer), worker: worker.id))
        let tallies = Dictionary(
            uniqueKeysWithValues: try await store.workers(runID: runID).map { ($0.id, $0.answered) })
        #expect(tallies == [worker.id: 10, lateWorker.id: 0])
        let counts = try await store.pointCounts(runID: runID)
        #expect(counts.answered == 10 && counts.open == 0)
        #expect(try await store.results(runID: runID).count == 10)
        let conclusion = try await store.concludeQueuedRun(id: runID)
        #expect(conclusion?.status == .completed)
        #expect(conclusion?.totals.promptTokens == 30)
        // Ended once: the other worker finds nothing to end.
        #expect(try await late.concludeQueuedRun(id: runID) == nil)
        #expect(try await store.nextQueuedRun(only: runID, skipping: []) == nil)
    }

    @Test func aDeadWorkersPointsGoBackAtOnceWhateverTheirLease() async throws {
        let (store, database, runID) = try await queuedRun(points: 5)
        var dying: PostgresRunStore? = try await PostgresRunStore.open(location: database.location)
        let dead = try await dying!.registerWorker(concurrency: 4)
        #expect(try await dying!.joinRun(id: runID, worker: dead.id))
        #expect(
            try await dying!.claimPoints(runID: runID, worker: dead.id, after: -1, limit: 3, lease: 3600).points.count
                == 3)
        dying = nil  // its connection closes, as a killed process's does

        let worker = try await store.registerWorker(concurrency: 4)
        #expect(try await store.joinRun(id: runID, worker: worker.id))
        try await waitFor { try await store.reclaimAbandoned(runID: runID) == 3 }
        let gone = try #require(try await store.workers(runID: runID).first { $0.id == dead.id })
        #expect(gone.stoppedBecause == "lost")
        #expect(try await store.openWork(runID: runID, worker: worker.id).claimable == 5)
    }

    @Test func theLastWorkerToLeaveAnUnfinishedRunHandsItBackToTheQueue() async throws {
        let (store, database, runID) = try await queuedRun(points: 4)
        let other = try await PostgresRunStore.open(location: database.location)
        let first = try await store.registerWorker(concurrency: 2)
        let second = try await other.registerWorker(concurrency: 2)
        #expect(try await store.joinRun(id: runID, worker: first.id))
        #expect(try await other.joinRun(id: runID, worker: second.id))
        _ = try await store.claimPoints(runID: runID, worker: first.id, after: -1, limit: 2, lease: 30)
        try await store.leaveRun(id: runID, worker: first.id)
        #expect(try await store.run(id: runID)?.status == .running)
        #expect(try await store.openWork(runID: runID, worker: second.id).claimable == 4)
        try await other.leaveRun(id: runID, worker: second.id)
        #expect(try await store.run(id: runID)?.status == .pending)
    }

    @Test func aRateLimitSeenByOneWorkerPausesTheOthers() async throws {
        let (store, database, _) = try await queuedRun(points: 1)
        let other = try await PostgresRunStore.open(location: database.location)
        let limited = SharedRequestPacer(budget: store, endpoint: "openrouter http://sim", rate: nil)
        let waiting = SharedRequestPacer(budget: other, endpoint: "openrouter http://sim", rate: nil)
        let elsewhere = SharedRequestPacer(budget: other, endpoint: "openai http://elsewhere", rate: nil)
        await limited.rateLimited(retryAfter: 3)
        // The pause began at the database's clock during `rateLimited`, a round trip at most before this.
        let started = ContinuousClock.now
        try await elsewhere.beforeRequest()
        #expect(ContinuousClock.now - started < .seconds(2))
        try await waiting.beforeRequest()
        #expect(ContinuousClock.now - started >= .seconds(2))
    }

    @Test func workersSharingARateStayUnderItTogether() async throws {
        let (store, database, _) = try await queuedRun(points: 1)
        let other = try await PostgresRunStore.open(location: database.location)
        let pacers = [store, other].map { SharedRequestPacer(budget: $0, endpoint: "openrouter http://sim", rate: 50) }
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for pacer in pacers {
                group.addTask { for _ in 0..<75 { try await pacer.beforeRequest() } }
            }
            try await group.waitForAll()
        }
        // 150 requests at 50 a second, a second's worth allowed at once: at least 2 s.
        #expect(ContinuousClock.now - started >= .milliseconds(1_800))
    }

    private func waitFor(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the condition did not hold within 10 s")
    }
}
