import AthanorLanguage
import Foundation

extension Interpreter {
    /// Runs with more points than this are not kept in memory after they are stored: the run is
    /// bound with its results left in the store and loaded when a later statement names it
    /// (`loadStoredRuns`). A result with 5 tokens × 20 alternatives takes ≈ 10 KB in memory, so
    /// this bounds a run's resident results at ≈ 20 MB while sweeps of any size stream to the store.
    static let resultsKeptInMemory = 2_000

    /// Runs a plan as a stored run: `running` before the first request, results written in batches
    /// as they arrive, `completed`/`failed`/`cancelled` with totals at the end. Binds `_` (and the
    /// sweep's name). In a resume, the statement whose source is the target's continues that run.
    func perform(_ plan: Plan, source: String, cellID: Int64?, dryRun: Bool) async throws(CellFailure) -> RunValue? {
        if dryRun, let target = resumeTarget, target.source == source {
            resumeTarget = nil
            return try await execute(plan, runID: target.runID, skipping: target.storedKeys)
        }
        let summary = PlanSummary(
            name: plan.name, kind: plan.kind, summary: plan.summary, requests: plan.requestCount,
            points: plan.points.count,
            concurrency: plan.concurrency, models: plan.modelIDs, dryRun: dryRun,
            preview: dryRun
                ? plan.points.prefix(50).map {
                    ($0.key, $0.turns.first?.model.id ?? "", $0.turns.first?.messages ?? [])
                } : [])
        if dryRun || plan.kind != .ask { services.output.emit(.plan(summary)) }
        if dryRun {
            // Later statements are checked against the planned points' names, without answers.
            let placeholders = plan.points.prefix(Self.resultsKeptInMemory).map {
                ResultValue(
                    key: $0.key, index: $0.index, modelName: $0.turns.last?.model.name ?? "",
                    modelID: $0.turns.last?.model.id ?? "",
                    variables: $0.variables, parameters: $0.turns.last?.parameters ?? ModelParameters(),
                    repeatIndex: $0.repeatIndex,
                    turns: [], error: nil)
            }
            let run = RunValue(
                id: 0, name: plan.name, status: .pending, sessionID: services.sessionID, results: Array(placeholders))
            bindRun(run, plan: plan, deferred: false)
            unknownUntilRun.insert("_")
            if plan.kind != .ask { unknownUntilRun.insert(plan.name) }
            return nil
        }

        let store = services.store
        let runID: Int64
        do {
            let instanceID = try await store.createInstance(
                NewInstance(
                    name: plan.name, definition: plan.definition, source: source, sessionID: services.sessionID,
                    cellID: cellID))
            var metadata: [String: JSONValue] = [
                "points": .number(Double(plan.points.count)), "requests_planned": .number(Double(plan.requestCount)),
                "concurrency": .number(Double(plan.concurrency)),
            ]
            metadata["plan"] = .string(plan.summary)
            runID = try await store.startRun(
                NewRun(
                    instanceID: instanceID, sessionID: services.sessionID, cellID: cellID, metadata: .object(metadata)))
        } catch {
            throw .store("\(error)")
        }
        return try await execute(plan, runID: runID, skipping: [])
    }

    /// Sends the plan's points (except `skipping`) into run `runID` and ends the run.
    private func execute(_ plan: Plan, runID: Int64, skipping: Set<String>) async throws(CellFailure) -> RunValue {
        let store = services.store
        let recorder = Recorder(store: store, runID: runID)
        await recorder.start()
        let remaining = plan.points.count - skipping.count
        let resumeNote = skipping.isEmpty ? "" : " (resumed: \(skipping.count) stored, \(remaining) to send)"
        await recorder.log(
            .info, "run started: \(plan.summary)\(resumeNote)", ["models": .array(plan.modelIDs.map(JSONValue.string))])
        let started = ContinuousClock.now
        let output = services.output
        let total = plan.points.count
        let progress = ProgressCounter(runID: runID, total: total, done: skipping.count, output: output)
        let keep = plan.points.count <= Self.resultsKeptInMemory && skipping.isEmpty
        var executor = Executor(provider: services.provider, retryPolicy: settings.retryPolicy, keepResults: keep)
        executor.onPoint = { result, _ in progress.record(result) }
        executor.liveAnswer = LiveAnswer.relay(for: plan, output: output, settings: services.sessionSettings)
        let outcome = await executor.run(plan, skipping: skipping, recorder: recorder)
        let cancelled = Task.isCancelled
        var totals = await recorder.totals
        totals.requests = outcome.requests
        totals.wallMilliseconds = (ContinuousClock.now - started) / .milliseconds(1)

        let answered = outcome.succeeded + skipping.count
        let status: RunStatus = cancelled ? .cancelled : (answered == 0 && !plan.points.isEmpty ? .failed : .completed)
        let failures = outcome.finished - outcome.succeeded
        await recorder.log(
            status == .completed ? .info : .error,
            "run \(status.rawValue): \(answered) of \(total) points answered"
                + (failures > 0 ? ", \(failures) failed" : ""),
            totals.jsonValue)
        await recorder.finish()
        do {
            try await store.finishRun(
                id: runID, status: status,
                error: status == .completed ? nil : (cancelled ? "cancelled" : outcome.firstError),
                metadata: ["totals": totals.jsonValue])
        } catch {
            throw .store("\(error)")
        }
        if let failure = await recorder.storeFailure { throw .store(failure) }

        let run = RunValue(
            id: runID, name: plan.name, status: status, sessionID: services.sessionID, results: outcome.results)
        bindRun(run, plan: plan, deferred: !keep)
        services.output.emit(plan.kind == .ask ? .answers(run, totals) : .runFinished(run, totals))
        if cancelled { throw .cancelled }
        if status == .failed {
            throw .provider("run \(runID) failed: \(outcome.firstError ?? "no point was answered")")
        }
        return run
    }

    private func bindRun(_ run: RunValue, plan: Plan, deferred: Bool) {
        for name in plan.kind == .ask ? ["_"] : ["_", plan.name] {
            setBinding(name, .run(run))
            if deferred { storedRuns[name] = run.id } else { storedRuns[name] = nil }
        }
    }

    /// Loads the results of large runs (bound without them) that `text` names, before it runs.
    func loadStoredRuns(mentionedIn text: String) async throws(CellFailure) {
        guard !storedRuns.isEmpty else { return }
        let words = Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init))
        for (name, id) in storedRuns where words.contains(name) {
            do {
                if let run = try await Self.loadRun(id, from: services.store) { setBinding(name, .run(run)) }
            } catch {
                throw .store("\(error)")
            }
            storedRuns[name] = nil
        }
    }
}

/// A run `resume` continues: the statement that made it (by source) and the points already stored.
public struct ResumeTarget: Sendable {
    public var runID: Int64
    public var source: String
    public var storedKeys: Set<String>

    public init(runID: Int64, source: String, storedKeys: Set<String>) {
        self.runID = runID
        self.source = source
        self.storedKeys = storedKeys
    }
}
