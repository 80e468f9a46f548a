import Foundation

/// Writes one run's results, logs and sent points to the store as they happen, in batches, and
/// keeps the run's hold on the store: nothing paid for is dropped.
///
/// Rows wait in a `WriteBatch` and are written within 100 ms, or as soon as the write before them
/// ends once a few dozen are waiting, as one statement each; the run's end and cancellation flush
/// what is left. A sweep that outruns the store by `backlogRows` waits in `save` for the write in
/// progress rather than piling rows up, so memory stays flat however large the sweep.
///
/// When writes fail (the database restarting, or gone), the rows stay here and are tried again
/// with a growing pause, and the executor sends nothing new (`mayContinue`) until a write goes
/// through. After `durability.storeWait` seconds of failures the store is given up on: the run
/// stops sending, and `finish` puts the answers still held into a local file (`HeldAnswers`) for
/// `resume` to store. Every few seconds the recorder confirms that this process still owns the
/// run (`RunStore.confirmOwnership`), which also notices a lost connection while nothing is written.
actor Recorder {
    let store: any RunStore
    let runID: Int64
    let durability: RunDurability
    /// How this process holds the run: as its owner, or as one of the workers draining it.
    let hold: RunHold
    /// Why the run must stop: the store stayed out of reach, or another process took the run.
    private(set) var storeFailure: String?

    private var batch = WriteBatch()
    private var flushing = false
    /// Savers waiting for the write in progress to end (backpressure).
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []
    /// When writes (or the ownership check) started failing; nil while they succeed.
    private var failingSince: Double?
    /// When a failing write may be tried again.
    private var retryAt = 0.0
    private var ticker: Task<Void, Never>?
    private var lastConfirmed = 0.0
    private let clock = ContinuousClock()
    private let origin = ContinuousClock.now

    /// How many rows may wait for the store before finished points wait with them (≈ 2 MB, besides
    /// the points running).
    static let backlogRows = 256
    /// How often the run's ownership is confirmed (and a dead connection noticed).
    static let confirmInterval = 2.0

    init(store: any RunStore, runID: Int64, durability: RunDurability = RunDurability(), hold: RunHold = .owner) {
        self.store = store
        self.runID = runID
        self.durability = durability
        self.hold = hold
    }

    /// Starts the 100 ms flush tick (and the ownership check); call once, before the first request.
    func start() {
        guard ticker == nil else { return }
        lastConfirmed = now
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await self?.tick()
            }
        }
    }

    /// Whether new points may be sent: at once while the store takes writes; while it fails, only
    /// once a write went through again; never once it was given up on (or the task is cancelled).
    func mayContinue() async -> Bool {
        while failingSince != nil, storeFailure == nil, !Task.isCancelled {
            try? await clock.sleep(for: .milliseconds(50))
        }
        return storeFailure == nil
    }

    /// Stops the tick and writes everything still waiting, retrying while the store may still come
    /// back. What cannot be written by then is held in a local file, which this returns.
    func finish() async -> HeldRows? {
        ticker?.cancel()
        ticker = nil
        while !batch.isEmpty || flushing {
            if flushing {
                await flushEnded()
                continue
            }
            if storeFailure != nil { break }
            await flush()
            if !batch.isEmpty, storeFailure == nil { try? await clock.sleep(for: .seconds(max(0.05, retryAt - now))) }
        }
        let held = batch.take().results
        guard !held.isEmpty else { return nil }
        do {
            let url = try durability.heldAnswers.hold(held, runID: runID)
            return HeldRows(count: held.count, file: url.path, error: nil)
        } catch {
            return HeldRows(count: held.count, file: nil, error: "\(error)")
        }
    }

    func log(_ level: LogLevel, _ message: String, _ metadata: JSONValue = [:]) {
        batch.add(LogRow(level: level, message: message, metadata: metadata), now: now)
    }

    /// A point's first request went out: its state becomes `sent` with the next write.
    func sent(_ pointIndex: Int) {
        batch.addSent(pointIndex)
    }

    /// Queues a finished point's row (built by the caller, off this actor).
    func save(_ row: ResultRow) async {
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
        if batch.isDue(now: now), failingSince == nil || now >= retryAt { await flush() }
        if now - lastConfirmed >= hold.confirmInterval, storeFailure == nil {
            lastConfirmed = now
            do {
                switch hold {
                case .owner: try await store.confirmOwnership(runID: runID)
                case .worker(let worker, let queue, let lease):
                    try await queue.renewLeases(worker: worker, lease: lease)
                }
                if batch.isEmpty { failingSince = nil }
            } catch let error as RunStoreError {
                storeFailure = error.description
            } catch {
                failed(error)
            }
        }
    }

    /// Writes what is waiting, then whatever became due meanwhile; one write at a time, so rows
    /// reach the store in order. Points waiting for room (backpressure) go on after each write.
    private func flush() async {
        guard !flushing, !batch.isEmpty else { return }
        flushing = true
        defer {
            flushing = false
            resumeFlushWaiters()
        }
        repeat {
            var taken = batch.take()
            if case .worker(let worker, _, _) = hold { taken.worker = worker }
            do {
                try await store.write(runID: runID, taken)
                failingSince = nil
            } catch {
                // Rows already written are idempotent (by point); logs may be written twice, which
                // is harmless next to losing answers.
                batch.putBack(taken, since: now)
                if let error = error as? RunStoreError { storeFailure = error.description }
                failed(error)
                return
            }
            resumeFlushWaiters()
        } while batch.count >= batch.dueRows
    }

    /// A write or check failed: pause sending, try again later, give up after `storeWait`.
    private func failed(_ error: any Error) {
        let since = failingSince ?? now
        failingSince = since
        let failingFor = now - since
        retryAt = now + min(2, max(0.1, failingFor / 4))
        if failingFor > durability.storeWait, storeFailure == nil {
            storeFailure = "the database was out of reach for \(Int(failingFor)) s (\(error))"
        }
    }

    private func resumeFlushWaiters() {
        let waiters = flushWaiters
        flushWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}

/// Answers a run could not store, put in a local file (`HeldAnswers`) instead.
struct HeldRows: Sendable {
    var count: Int
    /// The file, when writing it worked.
    var file: String?
    var error: String?
}

/// How long a run waits for its store, and where it keeps answers it could not store.
public struct RunDurability: Sendable {
    /// Seconds the store may stay out of reach before the run stops.
    public var storeWait: Double
    public var heldAnswers: HeldAnswers

    public init(storeWait: Double, heldAnswers: HeldAnswers) {
        self.storeWait = storeWait
        self.heldAnswers = heldAnswers
    }

    /// `ATHANOR_STORE_WAIT` (seconds, default 120) and the held answers' folder the environment names.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(
            storeWait: EnvironmentNumber.storeWait.value(in: environment),
            heldAnswers: HeldAnswers(environment: environment))
    }
}

/// How a process holds the run it records: as the run's owner (its lock, confirmed every
/// `Recorder.confirmInterval`), or as a worker whose points' leases it renews (a third of the
/// lease at most apart) and whose answers count only for points it still holds.
enum RunHold: Sendable {
    case owner
    case worker(id: Int64, queue: any WorkQueue, lease: Double)

    var confirmInterval: Double {
        switch self {
        case .owner: Recorder.confirmInterval
        case .worker(_, _, let lease): min(Recorder.confirmInterval, lease / 3)
        }
    }
}
