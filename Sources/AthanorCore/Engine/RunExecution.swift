import Foundation

/// Sends a stored run's points and ends the run: what a new run and `resume` have in common.
///
/// The run is already stored, `running` and owned by this process, with its plan in `run_points`.
/// This sends the points the feed gives, records each as it finishes, and ends the run with the
/// status and totals its rows say (`RunStore.concludeRun`). When the store is given up on, the
/// run is left as it is (its owner gone, it reads `interrupted`), the answers not stored are held
/// in a local file, and the failure says where and that `resume` will store them.
struct RunExecution {
    let provider: any CompletionProvider
    let store: any RunStore
    let output: any CellOutput
    let retryPolicy: RetryPolicy
    let durability: RunDurability

    struct Finished {
        var conclusion: RunConclusion
        var outcome: Executor.Outcome
    }

    /// `done` points of `total` are already answered (on resume); `note` goes in the first log line.
    func run(
        runID: Int64, feed: inout some PointFeed, total: Int, done: Int, concurrency: Int, note: String,
        modelIDs: [String], keepResults: Bool, liveAnswer: (@Sendable (CompletionDelta, Int) -> Void)?,
        limits: [SpendingLimit] = []
    ) async throws(CellFailure) -> Finished {
        let recorder = Recorder(store: store, runID: runID, durability: durability)
        await recorder.start()
        await recorder.log(.info, "run started: \(note)", ["models": .array(modelIDs.map(JSONValue.string))])
        // More requests in flight than the process can open files for would fail points.
        let (concurrency, lowered) = OpenFileLimit.current.clamp(concurrency)
        if let lowered {
            output.emit(.warning(lowered))
            await recorder.log(.warning, lowered)
        }
        let started = ContinuousClock.now
        let progress = ProgressCounter(runID: runID, total: total, done: done, output: output)
        var executor = Executor(provider: provider, retryPolicy: retryPolicy, keepResults: keepResults)
        executor.onPoint = { result, _ in progress.record(result) }
        executor.liveAnswer = liveAnswer
        executor.limits = limits
        let outcome = await executor.run(&feed, concurrency: concurrency, recorder: recorder)
        // A run stopped at its budget ends as a cancelled one: what is missing waits for `resume`.
        let cancelled = Task.isCancelled || outcome.budgetReached != nil
        if let held = await recorder.finish() {
            await letGo(runID)
            throw .store(Self.heldMessage(runID: runID, held: held, reason: outcome.stoppedBecause))
        }
        let storeFailure = await recorder.storeFailure
        if let reason = outcome.stoppedBecause ?? storeFailure {
            await letGo(runID)
            throw .store("run \(runID) stopped: \(reason); `athanor resume \(runID)` sends what is missing")
        }
        do {
            let wall = (ContinuousClock.now - started) / .milliseconds(1)
            // The last log line says how the run ends, and is stored before the run is marked ended.
            let counts = try await store.pointCounts(runID: runID)
            let status = RunConclusion.status(of: counts, cancelled: cancelled)
            if let limit = outcome.budgetReached {
                try await store.log(
                    runID: runID, level: .warning, message: Self.budgetMessage(runID: runID, limit: limit),
                    metadata: ["spent_usd": .number(limit.spent), "budget_usd": .number(limit.budget)])
            }
            try await store.log(
                runID: runID, level: status == .completed ? .info : .error,
                message: "run \(status.rawValue): \(counts.answered) of \(counts.planned) points answered"
                    + (counts.failed > 0 ? ", \(counts.failed) failed" : "")
                    + (counts.open > 0 ? ", \(counts.open) without an answer" : ""),
                metadata: ["requests": .number(Double(outcome.requests))])
            let conclusion = try await store.concludeRun(
                id: runID, cancelled: cancelled,
                error: outcome.budgetReached.map { "stopped at its budget: \($0.spentText)" }
                    ?? (cancelled ? "cancelled" : outcome.firstError),
                wallMilliseconds: wall)
            return Finished(conclusion: conclusion, outcome: outcome)
        } catch {
            await letGo(runID)
            throw .store("run \(runID) could not be ended: \(error); `athanor resume \(runID)` ends it")
        }
    }

    /// "run 3 stopped at its budget: $0.00061 of $0.0005 spent; `athanor resume 3` sends the rest".
    static func budgetMessage(runID: Int64, limit: SpendingLimit) -> String {
        "run \(runID) stopped at its budget: \(limit.spentText); `athanor resume \(runID)` sends the rest"
    }

    /// A run this process stops running without ending it: its lock is given up (if the database
    /// can still be told), so it reads `interrupted` while this process goes on (at the prompt).
    private func letGo(_ runID: Int64) async {
        _ = try? await store.releaseRun(id: runID)
    }

    private static func heldMessage(runID: Int64, held: HeldRows, reason: String?) -> String {
        let answers = "\(held.count) answer\(held.count == 1 ? "" : "s")"
        let why = reason.map { "run \(runID) stopped: \($0)" } ?? "run \(runID) could not store its last answers"
        if let file = held.file {
            return "\(why); \(answers) received but not stored are held in \(file); "
                + "`athanor resume \(runID)` stores them and sends what is missing"
        }
        return "\(why); \(answers) received but not stored were lost: the file to hold them could not be "
            + "written (\(held.error ?? "unknown error")); `athanor resume \(runID)` sends them again"
    }
}
