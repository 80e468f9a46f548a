import Synchronization

/// A worker's progress for the person who started it: a line at most every few seconds.
final class WorkerProgress: Sendable {
    private let worker: WorkerIdentity
    private let runID: Int64
    private let report: @Sendable (String) -> Void
    private let state = Mutex(State())
    static let interval: Duration = .seconds(5)

    private struct State {
        var finished = 0
        var failed = 0
        var started = ContinuousClock.now
        var lastReport = ContinuousClock.now
        var reportedFinished = 0
    }

    init(worker: WorkerIdentity, runID: Int64, report: @escaping @Sendable (String) -> Void) {
        self.worker = worker
        self.runID = runID
        self.report = report
    }

    func record(failed: Bool) {
        let line: String? = state.withLock { state in
            state.finished += 1
            if failed { state.failed += 1 }
            let now = ContinuousClock.now
            guard now - state.lastReport >= Self.interval else { return nil }
            state.lastReport = now
            state.reportedFinished = state.finished
            return text(state, now: now)
        }
        if let line { report(line) }
    }

    func finish() {
        let line: String? = state.withLock { state in
            guard state.finished > state.reportedFinished else { return nil }
            state.reportedFinished = state.finished
            return text(state, now: .now)
        }
        if let line { report(line) }
    }

    private func text(_ state: State, now: ContinuousClock.Instant) -> String {
        let seconds = (now - state.started) / .seconds(1)
        let rate = seconds > 0 ? Double(state.finished) / seconds : 0
        return "run \(runID): \(worker.description) sent \(state.finished) points (\(Int(rate.rounded()))/s)"
            + (state.failed > 0 ? ", \(state.failed) failed" : "")
    }
}
