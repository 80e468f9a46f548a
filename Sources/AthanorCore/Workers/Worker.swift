import Foundation

/// One worker process draining queued runs with others (`athanor worker`), through the store.
///
/// It registers (its liveness is its connection's lock), then for each queued run with work
/// (only `runID` when given): joins it, sends the points it claims a batch at a time through the
/// same executor and recorder as a run of its own, and when nothing is left to claim waits for
/// the points other workers hold — taking back those whose worker died or whose lease ran out —
/// so a run is never left with points nobody will send. The worker that finds every point answered
/// ends the run. It stops when no queued run has work, or with `follow` waits for the next one.
public struct Worker: Sendable {
    public let queue: any WorkQueue
    public let provider: any CompletionProvider
    public var retryPolicy = RetryPolicy(environment: ProcessInfo.processInfo.environment)
    public var durability = RunDurability()
    /// Requests in flight at once, in this process.
    public var concurrency = 8
    /// Seconds a claimed point stays this worker's without a renewal (`ATHANOR_WORKER_LEASE`).
    public var lease = EnvironmentNumber.workerLease.value(in: ProcessInfo.processInfo.environment)
    /// Paces requests with the other workers (a shared rate and shared rate-limit pauses).
    public var pacer: (any RequestPacer)?
    /// Only this run; nil for every queued run, oldest first.
    public var runID: Int64?
    /// Wait for more work instead of stopping when there is none.
    public var follow = false
    /// Seconds between looks at a run whose last points other workers hold: the run ends (and the
    /// workers exit) at most this long after its last answer is stored.
    static let waitForOthers = 0.2
    /// Wakes a following worker when a run is queued (polling every few seconds without it).
    public var queueChanges: (@Sendable () async throws -> RunChangeFeed)?

    public init(queue: any WorkQueue, provider: any CompletionProvider) {
        self.queue = queue
        self.provider = provider
    }

    /// Works until there is nothing left (or the task is cancelled); `report` hears each step,
    /// for the person who started it.
    public func work(report: @escaping @Sendable (String) -> Void) async throws(CellFailure) -> WorkerSummary {
        let identity: WorkerIdentity
        do {
            identity = try await queue.registerWorker(concurrency: concurrency)
        } catch {
            throw .store("\(error)")
        }
        report(
            "\(identity.description) started: concurrency \(concurrency), lease \(Value.format(lease)) s"
                + (follow ? ", waiting for work when there is none" : ""))
        var summary = WorkerSummary(worker: identity)
        let started = ContinuousClock.now
        var skipped: Set<Int64> = []
        var feed: RunChangeFeed?
        defer { feed?.stop() }
        do {
            while !Task.isCancelled {
                let next = try await queue.nextQueuedRun(only: runID, skipping: skipped)
                guard let next else {
                    guard follow else { break }
                    if feed == nil { feed = try await queueChanges?() }
                    await Self.waitForWork(feed, seconds: 5)
                    skipped = []
                    continue
                }
                guard let done = try await drain(next, worker: identity, report: report) else {
                    skipped.insert(next)
                    continue
                }
                summary.add(done)
                if runID != nil, !follow { break }
            }
        } catch let failure as CellFailure {
            try? await queue.stopWorker(id: identity.id, because: "failed")
            throw failure
        } catch {
            try? await queue.stopWorker(id: identity.id, because: "failed")
            throw .store("\(error)")
        }
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        try? await queue.stopWorker(id: identity.id, because: Task.isCancelled ? "interrupted" : "finished")
        if Task.isCancelled { throw .cancelled }
        return summary
    }

    /// Works on one run until no point of it is left to anyone; nil when it could not be joined.
    private func drain(_ runID: Int64, worker: WorkerIdentity, report: @escaping @Sendable (String) -> Void)
        async throws -> WorkerSummary.RunShare?
    {
        guard try await queue.joinRun(id: runID, worker: worker.id) else { return nil }
        let heads = try await queue.planHeads(runID: runID) ?? PlanHeads()
        var share = WorkerSummary.RunShare(runID: runID)
        let progress = WorkerProgress(worker: worker, runID: runID, report: report)
        report("\(worker.description) joined run \(runID)")
        let conclusion: RunConclusion?
        do {
            while !Task.isCancelled {
                let reclaimed = try await queue.reclaimAbandoned(runID: runID)
                if reclaimed > 0 {
                    report(
                        "run \(runID): \(reclaimed) points taken back from workers that stopped or let their lease run out"
                    )
                }
                let open = try await queue.openWork(runID: runID, worker: worker.id)
                if open.claimable > 0 {
                    try await send(runID, worker: worker, heads: heads, share: &share, progress: progress)
                    continue
                }
                if open.heldByOthers == 0 { break }
                // Others hold the rest: wait for their answers, or for their leases to run out,
                // saying meanwhile that this worker is alive (`watch` shows when it was last seen).
                try await queue.renewLeases(worker: worker.id, lease: lease)
                try? await Task.sleep(for: .seconds(min(Self.waitForOthers, lease / 4)))
            }
            // Ended while this worker still holds the run: a run left by its last worker and not
            // yet ended reads `interrupted`, which `watch` would report.
            conclusion = Task.isCancelled ? nil : try await queue.concludeQueuedRun(id: runID)
        } catch {
            try? await queue.leaveRun(id: runID, worker: worker.id)
            throw error
        }
        try await queue.leaveRun(id: runID, worker: worker.id)
        progress.finish()
        if let conclusion {
            let counts = conclusion.counts
            report(
                "run \(runID) \(conclusion.status.rawValue): \(counts.answered) of \(counts.planned) points answered"
                    + (counts.failed > 0 ? ", \(counts.failed) failed" : ""))
        }
        return share
    }

    /// One round: claims and sends until a claim finds nothing pending.
    private func send(
        _ runID: Int64, worker: WorkerIdentity, heads: PlanHeads, share: inout WorkerSummary.RunShare,
        progress: WorkerProgress
    ) async throws {
        let recorder = Recorder(
            store: queue, runID: runID, durability: durability,
            hold: .worker(id: worker.id, queue: queue, lease: lease))
        await recorder.start()
        let (concurrency, lowered) = OpenFileLimit.current.clamp(concurrency)
        if let lowered { await recorder.log(.warning, "\(worker.description): \(lowered)") }
        var feed = ClaimedPointFeed(
            queue: queue, runID: runID, worker: worker.id, heads: heads, batchSize: concurrency, lease: lease)
        var executor = Executor(provider: provider, retryPolicy: retryPolicy, keepResults: false)
        executor.pacer = pacer
        executor.onPoint = { result, _ in progress.record(failed: result.error != nil) }
        let outcome = await executor.run(&feed, concurrency: concurrency, recorder: recorder)
        if let held = await recorder.finish() {
            throw CellFailure.store(
                "run \(runID): \(held.count) answers received but not stored"
                    + (held.file.map { " are held in \($0); `athanor resume \(runID)` stores them" } ?? " were lost"))
        }
        let storeFailure = await recorder.storeFailure
        if let reason = outcome.stoppedBecause ?? storeFailure {
            throw CellFailure.store("run \(runID): \(worker.description) stopped: \(reason)")
        }
        share.claims += feed.claims
        share.claimed += feed.claimed
        share.claimSeconds += feed.claimSeconds
        share.finished += outcome.finished
        share.failed += outcome.finished - outcome.succeeded
        share.requests += outcome.requests
    }

    private static func waitForWork(_ feed: RunChangeFeed?, seconds: Double) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            if let feed {
                group.addTask {
                    for await _ in feed.changes { return }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
