import AthanorLanguage
import Foundation

extension Interpreter {
    /// Runs with more points than this are not kept in memory after they are stored: the run is
    /// bound with its results left in the store and loaded when a later statement names it
    /// (`loadStoredRuns`). A result with 5 tokens × 20 alternatives takes ≈ 10 KB in memory, so
    /// this bounds a run's resident results at ≈ 20 MB while sweeps of any size stream to the store.
    static let resultsKeptInMemory = 2_000

    /// Why a plan is over `:set max_cost`, or nil when it is within it.
    static func refusal(_ plan: PlanSummary, budget: Double) -> String? {
        let what = plan.kind == .ask ? "this \(plan.name)" : "sweep \(plan.name)"
        if !plan.cost.isComplete {
            return "max_cost \(CostEstimate.format(budget)) cannot be checked: cost unknown for "
                + "\(plan.cost.unpricedModels.joined(separator: ", ")); nothing was sent (:set max_cost off)"
        }
        guard plan.cost.dollars > budget else { return nil }
        return "\(what) is estimated at \(plan.cost.text), above max_cost \(CostEstimate.format(budget)); "
            + "nothing was sent"
    }

    /// Runs a plan as a stored run: `running` and its plan stored before the first request,
    /// results written in batches as they arrive, ended with the status and totals its rows say.
    /// Binds `_` (and the sweep's name).
    /// With `:set max_cost`, a plan estimated above it (or with an unpriced model) is refused
    /// before anything is stored or sent.
    /// The plan's warnings are shown after it, located in `file`.
    func perform(_ plan: Plan, source: String, file: String, range: SourceRange, cellID: Int64?, dryRun: Bool)
        async throws(CellFailure) -> FinishedRun?
    {
        let facts = await services.models(plan.endpoints)
        var summary = PlanSummary(
            name: plan.name, kind: plan.kind, summary: plan.summary, requests: plan.requestCount,
            points: plan.points.count,
            concurrency: plan.concurrency, models: plan.modelIDs, endpoints: plan.endpoints, dryRun: dryRun,
            cost: CostEstimate.of(plan.points, facts: facts),
            preview: dryRun
                ? plan.points.prefix(50).map {
                    ($0.label, $0.turns.first?.model.id ?? "", $0.turns.first?.messages ?? [])
                } : [])
        summary.withoutLogprobs = plan.servedModels.filter(facts.lacksLogprobs).map {
            ModelFacts.key($0.id, endpoint: $0.endpoint)
        }
        if dryRun, settings.fullPlans {
            let wire = services.wire
            for (counted, point) in plan.points.enumerated() {
                if counted % 4096 == 4095, Task.isCancelled { break }
                summary.plannedRequests += PlannedRequest.all(of: point, wire: wire)
            }
        }
        try Task.checkCancellationAsFailure()  // an estimate cut short is never shown or held to a budget
        if dryRun || plan.kind != .ask { services.output.emit(.plan(summary)) }
        if let warning = summary.logprobsWarning { services.output.emit(.warning(warning)) }
        for warning in plan.warnings { services.output.emit(.warning("\(file):\(warning.range): \(warning.message)")) }
        if !dryRun, let budget = services.sessionSettings.maxCost, let refusal = Self.refusal(summary, budget: budget) {
            throw .script(Diagnostic(.error, refusal, at: range))
        }
        // `replay --with`: a point the replayed session has no answer for stops the cell unsent.
        if let missing = services.provider.unanswered(plan) {
            throw .script(Diagnostic(.error, missing, at: range))
        }
        let enqueue = !dryRun && services.sessionSettings.enqueue
        if dryRun {
            bindPlaceholders(for: plan, runID: 0)
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
        do {
            // Every point is stored before the first request: what `resume` and `compare` read.
            try await store.storePlan(runID: runID, points: plan.points)
        } catch {
            if Task.isCancelled {
                _ = try? await store.finishRun(id: runID, status: .cancelled, error: "cancelled", metadata: [:])
                _ = try? await store.releaseRun(id: runID)
                throw .cancelled
            }
            // Nothing was sent. The run ends failed, saying why, rather than stay `running` (owned
            // by a prompt that goes on) or read as a run from before plans were kept.
            let reason = "its plan could not be stored: \(error)"
            _ = try? await store.finishRun(id: runID, status: .failed, error: reason, metadata: [:])
            _ = try? await store.releaseRun(id: runID)
            throw .store("run \(runID) failed: \(reason)")
        }
        if enqueue {
            try await queue(runID, plan: plan)
            return nil
        }

        let keep = plan.points.count <= Self.resultsKeptInMemory
        var feed = PlannedPointFeed(plan.points)
        let finished = try await execution.run(
            runID: runID, feed: &feed, total: plan.points.count, done: 0, concurrency: plan.concurrency,
            note: plan.summary, modelIDs: plan.modelIDs, keepResults: keep,
            liveAnswer: LiveAnswer.relay(for: plan, output: services.output, settings: services.sessionSettings),
            limits: spendingLimits)
        let status = finished.conclusion.status
        let run = RunValue(
            id: runID, name: plan.name, status: status, sessionID: services.sessionID,
            results: finished.outcome.results)
        bindRun(run, plan: plan, deferred: !keep)
        let totals = finished.conclusion.totals
        services.output.emit(plan.kind == .ask ? .answers(run, totals) : .runFinished(run, totals))
        if let limit = finished.outcome.budgetReached, !Task.isCancelled {
            throw .budgetReached(RunExecution.budgetMessage(runID: runID, limit: limit))
        }
        if status == .cancelled || Task.isCancelled { throw .cancelled }
        if status == .failed {
            throw .provider("run \(runID) failed: \(finished.outcome.firstError ?? "no point was answered")")
        }
        return FinishedRun(
            run: run, counts: finished.conclusion.counts, firstError: finished.outcome.firstError)
    }

    /// Leaves a stored run to workers and says how to send and follow it; the statements after it
    /// are checked against its planned points, as in a dry run.
    private func queue(_ runID: Int64, plan: Plan) async throws(CellFailure) {
        guard let queue = services.store as? any WorkQueue else {
            _ = try? await services.store.finishRun(
                id: runID, status: .failed, error: "this store cannot queue runs for workers", metadata: [:])
            throw .store("run \(runID) could not be queued: this store cannot queue runs for workers")
        }
        do {
            try await queue.queueRun(id: runID)
        } catch {
            throw .store("run \(runID) could not be queued: \(error)")
        }
        bindPlaceholders(for: plan, runID: runID)
        let points = plan.points.count
        services.output.emit(
            .text(
                "run \(runID) queued: \(points) point\(points == 1 ? "" : "s"), nothing sent; "
                    + "`athanor worker --run \(runID)` sends them (start as many as you like), "
                    + "`athanor watch \(runID)` follows"))
    }

    /// Binds a run without answers (a dry run's, or one queued for workers): later statements are
    /// checked against its planned points' names.
    private func bindPlaceholders(for plan: Plan, runID: Int64) {
        let placeholders = plan.points.prefix(Self.resultsKeptInMemory).map {
            ResultValue(
                key: $0.key, label: $0.label, index: $0.index, modelName: $0.turns.last?.model.name ?? "",
                modelID: $0.turns.last?.model.id ?? "",
                variables: $0.variables, parameters: $0.turns.last?.parameters ?? ModelParameters(),
                repeatIndex: $0.repeatIndex,
                turns: [], error: nil)
        }
        let run = RunValue(
            id: runID, name: plan.name, status: .pending, sessionID: services.sessionID, results: Array(placeholders))
        bindRun(run, plan: plan, deferred: false)
        unknownUntilRun.insert("_")
        if plan.kind != .ask { unknownUntilRun.insert(plan.name) }
    }

    /// The budgets a new run's answers are summed against: the script's (`--max-cost`, shared by
    /// its runs) and, with `:set max_cost`, one of the run's own.
    private var spendingLimits: [SpendingLimit] {
        [settings.budget, services.sessionSettings.maxCost.map(SpendingLimit.init(budget:))].compactMap { $0 }
    }

    /// How this session's runs are sent and recorded.
    var execution: RunExecution {
        RunExecution(
            provider: services.provider, store: services.store, output: services.output,
            retryPolicy: settings.retryPolicy, durability: settings.durability)
    }

    private func bindRun(_ run: RunValue, plan: Plan, deferred: Bool) {
        for name in plan.kind == .ask ? ["_"] : ["_", plan.name] {
            setBinding(name, .run(run))
            if deferred { storedRuns[name] = run.id } else { storedRuns[name] = nil }
        }
        cellGaveValue = true
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
