import Foundation

/// Writes one run's results and logs to the store as they arrive, in batches, and keeps its totals.
///
/// Rows wait in a `WriteBatch` and are written within 100 ms, or as soon as the write before them
/// ends once a few dozen are waiting, as one multi-row statement each; the run's end and
/// cancellation flush what is left. Nothing is kept after it is written, and a sweep that outruns
/// the store by `backlogRows` waits in `save` for the write in progress rather than piling rows
/// up, so memory stays flat however large the sweep. A failed write (the database restarting)
/// keeps its rows and is tried again on the next tick, for up to `storeGracePeriod` seconds; only
/// then is the failure remembered and reported when the run ends, not thrown into the middle of
/// requests that are already paid for.
actor Recorder {
    let store: any RunStore
    let runID: Int64
    /// What the run's points consumed so far; its requests are counted apart, by the transport.
    private(set) var totals = RunTotals()
    private(set) var storeFailure: String?

    private var batch = WriteBatch()
    private var flushing = false
    /// Savers waiting for the write in progress to end (backpressure).
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []
    /// When writes started failing; nil while they succeed.
    private var failingSince: Double?
    private var ticker: Task<Void, Never>?
    private var lastHeartbeat = 0.0
    private let clock = ContinuousClock()
    private let origin = ContinuousClock.now

    /// How many rows may wait for the store before finished points wait with them (≈ 2 MB, besides
    /// the points running).
    static let backlogRows = 256

    /// How long writes may keep failing before the run reports the store as broken.
    let storeGracePeriod: Double

    init(store: any RunStore, runID: Int64, storeGracePeriod: Double = 60) {
        self.store = store
        self.runID = runID
        self.storeGracePeriod = storeGracePeriod
    }

    /// Starts the 100 ms flush tick (and the heartbeat); call once, before the first request.
    func start() {
        guard ticker == nil else { return }
        lastHeartbeat = now
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await self?.tick()
            }
        }
    }

    /// Stops the tick and writes everything still waiting; retries within the grace period.
    func finish() async {
        ticker?.cancel()
        ticker = nil
        while !batch.isEmpty || flushing {
            if flushing {
                await flushEnded()
                continue
            }
            await flush()
            if storeFailure != nil { return }
            if !batch.isEmpty { try? await clock.sleep(for: .milliseconds(200)) }
        }
    }

    func log(_ level: LogLevel, _ message: String, _ metadata: JSONValue = [:]) {
        batch.add(LogRow(level: level, message: message, metadata: metadata), now: now)
    }

    /// Counts a finished point and queues its row (built by the caller, off this actor).
    func save(_ result: ResultValue, row: ResultRow) async {
        totals.points += 1
        if result.error != nil { totals.failures += 1 }
        for turn in result.turns {
            totals.promptTokens += turn.completion.usage?.promptTokens ?? 0
            totals.completionTokens += turn.completion.usage?.completionTokens ?? 0
            totals.cost += turn.completion.usage?.cost ?? 0
            totals.latencyMilliseconds += turn.completion.latencyMilliseconds
            totals.answeredTurns += 1
        }
        batch.add(row, now: now)
        // Enough rows are written at once, unless a write is under way (it takes them when it
        // ends) or writes are failing (then the tick retries).
        if batch.count >= batch.dueRows, !flushing, failingSince == nil {
            Task { await self.flush() }
        }
        // Backpressure: only when `backlogRows` are waiting do points wait for the store.
        while batch.count >= Self.backlogRows, storeFailure == nil, !Task.isCancelled {
            if flushing {
                await flushEnded()
            } else {
                await flush()
                if failingSince != nil { try? await clock.sleep(for: .milliseconds(200)) }
            }
        }
    }

    /// Returns when the write in progress has ended.
    private func flushEnded() async {
        await withCheckedContinuation { flushWaiters.append($0) }
    }

    private var now: Double {
        (ContinuousClock.now - origin) / .seconds(1)
    }

    private func tick() async {
        if batch.isDue(now: now) { await flush() }
        if now - lastHeartbeat >= RunLiveness.heartbeatInterval {
            lastHeartbeat = now
            try? await store.heartbeat(runID: runID)
        }
    }

    /// Writes what is waiting, then whatever became due meanwhile; one write at a time, so rows
    /// reach the store in order. Points waiting for room (backpressure) go on after each write.
    private func flush() async {
        guard !flushing, !batch.isEmpty, storeFailure == nil else { return }
        flushing = true
        defer {
            flushing = false
            resumeFlushWaiters()
        }
        repeat {
            let started = now
            let taken = batch.take()
            do {
                if !taken.logs.isEmpty { try await store.log(runID: runID, taken.logs) }
                if !taken.results.isEmpty { try await store.saveResults(runID: runID, taken.results) }
                failingSince = nil
            } catch {
                // Logs may have been written before results failed; writing them twice is harmless
                // next to losing results, and results are idempotent by key.
                batch.putBack(taken, since: started)
                let since = failingSince ?? started
                failingSince = since
                if now - since > storeGracePeriod { storeFailure = "\(error)" }
                return
            }
            resumeFlushWaiters()
        } while batch.count >= batch.dueRows
    }

    private func resumeFlushWaiters() {
        let waiters = flushWaiters
        flushWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
