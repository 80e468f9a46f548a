import AthanorCore
import Foundation

/// Follows one stored run, whichever process runs it: prints its description and recent log,
/// then new log lines and its progress as they are stored, until the run ends.
///
/// It listens on the run's channel before reading anything, so nothing stored in between is
/// missed, and reads the run again at each notification (and every `pollInterval` without one).
/// A run whose process died never says so: the store reads it as `interrupted` as soon as no live
/// process holds its lock. While the database is unreachable (a restart is not a death) it keeps
/// trying for `outage`.
struct RunWatcher {
    let store: any RunStore
    let runID: Int64
    let display: WatchDisplay
    var pollInterval: Duration = .seconds(1)
    var outage: Duration = .seconds(60)
    /// Log lines shown from before the watch began.
    var recentLogLines = 10

    /// Returns the run as it ended; throws `CancellationError` when the watching task is cancelled.
    func watch() async throws -> StoredRun {
        guard try await store.run(id: runID) != nil else { throw InspectionError.noRun(runID) }
        let feed = try await store.changes(runID: runID)
        defer { feed.stop() }
        guard let run = try await store.run(id: runID) else { throw InspectionError.noRun(runID) }
        display.lines([RunListing.describe(run)])
        let recent = try await store.recentLogs(runID: runID, limit: recentLogLines)
        display.lines(recent.map { Inspector.logLine($0.log) })
        var state = State(
            run: run, counted: try await store.storedPoints(runID: runID, after: 0),
            logsAfter: recent.last?.id ?? 0)
        try await readWorkers(&state)
        let progress = Progress(runID: runID, doneAtStart: state.counted.points)
        if !run.status.isFinished { display.progress(progress.text(state)) }
        let wakeups = WatchWakeups(feed: feed, interval: pollInterval)
        defer { wakeups.stop() }
        var failingSince: ContinuousClock.Instant?
        while true {
            if state.run.status.isFinished {
                display.finish(Self.ending(state.run, counted: state.counted))
                return state.run
            }
            guard await wakeups.next() else { throw CancellationError() }
            do {
                try await refresh(&state)
                failingSince = nil
                if !state.run.status.isFinished { display.progress(progress.text(state)) }
            } catch let error as any StoreFailure where error.isConnectionFailure {
                let since = failingSince ?? .now
                failingSince = since
                if ContinuousClock.now - since > outage { throw error }
                let reason = error.message.split(separator: "\n").first.map(String.init) ?? error.message
                display.progress("run \(runID): waiting for the database (\(reason))")
            }
        }
    }

    /// What the watcher knows of the run so far.
    private struct State {
        var run: StoredRun
        var counted: StoredPointCount
        var logsAfter: Int64
        /// The workers of a queued run (none for a run its own process sends).
        var workers: [RunWorker] = []
    }

    /// A queued run's workers, and its progress as their tallies add up: its rows are stored by
    /// several writers at once, so counting the rows after the last one seen could miss some.
    private func readWorkers(_ state: inout State) async throws {
        guard let queue = store as? any WorkQueue else { return }
        state.workers = try await queue.workers(runID: runID)
        guard !state.workers.isEmpty else { return }
        state.counted = StoredPointCount(
            points: state.workers.reduce(0) { $0 + $1.answered + $1.failed },
            failures: state.workers.reduce(0) { $0 + $1.failed }, tokens: state.workers.reduce(0) { $0 + $1.tokens },
            cost: state.workers.reduce(0) { $0 + $1.cost }, lastResultID: state.counted.lastResultID)
    }

    /// Reads the status first, then what was stored: a run's last rows are committed before it is
    /// marked finished, so a finished status read first means the rows read after are all there.
    private func refresh(_ state: inout State) async throws {
        state.run = try await store.run(id: runID) ?? state.run
        while true {
            let entries = try await store.logs(runID: runID, after: state.logsAfter, limit: 1000)
            state.logsAfter = entries.last?.id ?? state.logsAfter
            display.lines(entries.map { Inspector.logLine($0.log) })
            if entries.count < 1000 { break }
        }
        state.counted = state.counted.adding(
            try await store.storedPoints(runID: runID, after: state.counted.lastResultID))
        try await readWorkers(&state)
    }

    /// The progress line: done/total, rate since the watch began, ETA, failures, tokens and cost.
    private struct Progress {
        let runID: Int64
        let doneAtStart: Int
        let started = ContinuousClock.now

        func text(_ state: State) -> String {
            let total = state.run.metadata["points"]?.doubleValue.map { Int($0) } ?? state.counted.points
            let progress = RunProgress(
                runID: runID, done: state.counted.points, total: max(total, state.counted.points),
                failures: state.counted.failures, tokens: state.counted.tokens, cost: state.counted.cost)
            let line = ProgressLine(
                progress: progress, elapsed: (ContinuousClock.now - started) / .seconds(1), doneAtStart: doneAtStart
            )
            .text
            let now = Date()
            return ([line] + state.workers.map { "  " + WorkerListing.line($0, now: now) }).joined(separator: "\n")
        }
    }

    /// `run 12 completed: 40 of 40 points stored, 2 failed`, and the run's error if it has one.
    static func ending(_ run: StoredRun, counted: StoredPointCount) -> String {
        let total = run.metadata["points"]?.doubleValue.map { Int($0) } ?? counted.points
        var text = "run \(run.id) \(run.status.rawValue): \(counted.points) of \(total) points stored"
        if counted.failures > 0 { text += ", \(counted.failures) failed" }
        if let error = run.error { text += " · \(error)" }
        return text
    }
}

extension RunStatus {
    /// True once the run will not change any more (until `resume` reopens it).
    var isFinished: Bool {
        switch self {
        case .pending, .running: false
        case .completed, .failed, .cancelled, .interrupted: true
        }
    }
}
