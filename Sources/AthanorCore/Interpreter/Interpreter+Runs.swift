import AthanorLanguage
import Foundation

extension Interpreter {
    /// Runs a plan as a stored run: `running` before the first request, each result written as it
    /// arrives, `completed`/`failed`/`cancelled` with totals at the end. Binds `_` (and the sweep's name).
    func perform(_ plan: Plan, source: String, cellID: Int64?, dryRun: Bool) async throws(CellFailure) -> RunValue? {
        let summary = PlanSummary(
            name: plan.name, kind: plan.kind, summary: plan.summary, requests: plan.requestCount, points: plan.points.count,
            concurrency: plan.concurrency, models: plan.modelIDs, dryRun: dryRun,
            preview: dryRun ? plan.points.prefix(50).map { ($0.key, $0.turns.first?.model.id ?? "", $0.turns.first?.messages ?? []) } : [])
        if dryRun || plan.kind != .ask { services.output.emit(.plan(summary)) }
        if dryRun {
            // Later statements are checked against the planned points' names, without answers.
            let placeholders = plan.points.map {
                ResultValue(
                    key: $0.key, index: $0.index, modelName: $0.turns.last?.model.name ?? "", modelID: $0.turns.last?.model.id ?? "",
                    variables: $0.variables, parameters: $0.turns.last?.parameters ?? ModelParameters(), repeatIndex: $0.repeatIndex,
                    turns: [], error: nil)
            }
            let run = RunValue(id: 0, name: plan.name, status: .pending, sessionID: services.sessionID, results: placeholders)
            bindRun(run, plan: plan)
            unknownUntilRun.insert("_")
            if plan.kind != .ask { unknownUntilRun.insert(plan.name) }
            return nil
        }

        let store = services.store
        let runID: Int64
        do {
            let instanceID = try await store.createInstance(
                NewInstance(name: plan.name, definition: plan.definition, source: source, sessionID: services.sessionID, cellID: cellID))
            var metadata: [String: JSONValue] = [
                "points": .number(Double(plan.points.count)), "requests_planned": .number(Double(plan.requestCount)),
                "concurrency": .number(Double(plan.concurrency)),
            ]
            metadata["plan"] = .string(plan.summary)
            runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: services.sessionID, cellID: cellID, metadata: .object(metadata)))
        } catch {
            throw .store("\(error)")
        }

        let recorder = Recorder(store: store, runID: runID)
        await recorder.log(.info, "run started: \(plan.summary)", ["models": .array(plan.modelIDs.map(JSONValue.string))])
        let started = ContinuousClock.now
        let output = services.output
        let total = plan.points.count
        let failures = Counter()
        var executor = Executor(provider: services.provider, retryPolicy: settings.retryPolicy)
        executor.onPoint = { result, done in
            if result.error != nil { failures.increment() }
            output.emit(.progress(runID: runID, done: done, total: total, failures: failures.value))
        }
        let results = await executor.run(plan, recorder: recorder)
        let cancelled = Task.isCancelled
        var totals = await recorder.totals
        totals.wallMilliseconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e15
            + Double((ContinuousClock.now - started).components.seconds) * 1000

        let succeeded = results.filter { $0.error == nil }.count
        let status: RunStatus = cancelled ? .cancelled : (succeeded == 0 && !plan.points.isEmpty ? .failed : .completed)
        let firstError = results.first { $0.error != nil && $0.error != "cancelled" }?.error
        await recorder.log(
            status == .completed ? .info : .error, "run \(status.rawValue): \(succeeded) of \(total) points answered",
            totals.jsonValue)
        do {
            try await store.finishRun(
                id: runID, status: status, error: status == .completed ? nil : (cancelled ? "cancelled" : firstError),
                metadata: ["totals": totals.jsonValue])
        } catch {
            throw .store("\(error)")
        }
        if let failure = await recorder.storeFailure { throw .store(failure) }

        let run = RunValue(id: runID, name: plan.name, status: status, sessionID: services.sessionID, results: results)
        bindRun(run, plan: plan)
        services.output.emit(plan.kind == .ask ? .answers(run, totals) : .runFinished(run, totals))
        if cancelled { throw .cancelled }
        if status == .failed { throw .provider("run \(runID) failed: \(firstError ?? "no point was answered")") }
        return run
    }

    private func bindRun(_ run: RunValue, plan: Plan) {
        setBinding("_", .run(run))
        if plan.kind != .ask { setBinding(plan.name, .run(run)) }
    }
}

/// A small thread-safe counter for progress callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
