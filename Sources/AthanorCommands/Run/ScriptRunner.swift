import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// Runs a script in batch: parse, check every cell (planning every request, sending none), then
/// run the cells in order as one stored session.
///
/// A script error stops the script at its cell before anything after it runs; a failed assertion
/// does not. The returned status is the language's batch exit status.
struct ScriptRunner: Sendable {
    var file: SourceFile
    var baseDirectory: URL
    var overrides: [VariableOverride]
    var settings: Interpreter.Settings
    var dryRun: Bool
    /// `--max-cost`: a script whose plans are estimated above it (or cannot be priced) is refused
    /// before anything is sent.
    var maxCost: Double? = nil
    /// `--enqueue`: each ask's and sweep's run is stored with its plan for workers, not sent.
    var enqueue = false
    /// `replay SESSION --offline --with FILE`: every request is answered from this stored session's
    /// answers (a point it has none for stops its cell before anything is stored), and its stored
    /// data files are read under the paths it read them by; the script is stored as a replay of it.
    var replayOf: Int64? = nil
    var json: Bool
    var renderer: EventRenderer
    var diagnosticsInColor: Bool

    /// Runs the script; with `json`, then writes its one document on standard output, however it
    /// ended (a script error gives its diagnostics there).
    func run(services: ServiceFactory) async -> ExitStatus {
        let status = await execute(services: services)
        if json { StandardStreams.out(jsonOutput.document(file: file.name, status: status).serialized() + "\n") }
        return status
    }

    private func execute(services: ServiceFactory) async -> ExitStatus {
        let parsed = Parser.parseScript(file)
        guard parsed.diagnostics.isEmpty else {
            for diagnostic in parsed.diagnostics { report(diagnostic) }
            return .scriptError
        }
        let script = parsed.script
        if let status = checkOverrides(script) { return status }
        if enqueue { try? sessionSettings.assign("enqueue", "on") }

        // Pass 1: every cell planned, nothing sent or stored; a typo costs nothing.
        let store: any RunStore
        do {
            store = try await services.store()
        } catch {
            problem("\(error)")
            return .serviceFailed
        }
        // One sink for the whole script: JSON collects everything into one document at the end.
        let sink: any CellOutput = json ? jsonOutput : TerminalOutput(renderer: renderer)
        let checkOutput: any CellOutput = dryRun ? sink : DiscardingOutput()
        let planCounter = PlanCounter(forwardingTo: checkOutput)
        var replay: ScriptReplay? = nil
        do {
            if let replayOf { replay = try await ScriptReplay.load(session: replayOf, from: store) }
        } catch let error as InspectionError {
            problem("\(error)")
            return .scriptError
        } catch {
            problem("the database failed: \(error)")
            return .serviceFailed
        }
        let answers = replay?.answers
        let provider: @Sendable () -> any CompletionProvider = { answers ?? services.provider() }
        let dataFiles = replay?.dataFiles ?? DataFiles()
        let checker = makeInterpreter(
            provider: provider(), store: store, sessionID: nil, output: planCounter, commands: nil,
            models: services.modelFacts, wire: services.wire, dataFiles: dataFiles)
        for (index, cell) in script.cells.enumerated() {
            do {
                _ = try await checker.run(cell, in: file, cellID: nil, dryRun: true)
            } catch {
                return fail(error, cell: cell, index: index)
            }
        }
        // SIGTERM or Ctrl-C while checking: nothing was sent or stored.
        if Task.isCancelled {
            problem("interrupted while checking the script; nothing was sent")
            return .interrupted
        }
        if let status = checkBudget(planCounter) { return status }
        if dryRun { return .success }
        // A script whose every model names its own endpoint needs no OpenRouter key, nor one that
        // only queues its runs for workers.
        if planCounter.ownServerRequests, !enqueue, replay == nil, let providerProblem = services.providerProblem() {
            problem("\(providerProblem)")
            return .serviceFailed
        }

        // Pass 2: for real, as one session, each cell stored before and after it runs.
        let output = sink
        let runner: SessionRunner
        do {
            let commands = MetaCommands(
                store: store, renderer: renderer, settings: sessionSettings,
                models: { await services.modelListing() }, directory: baseDirectory)
            let session =
                replayOf.map {
                    NewSession(
                        kind: .replay, sourcePath: file.name, replayOf: $0,
                        metadata: ["offline": true, "with": .string(file.name)])
                } ?? NewSession(kind: .script, sourcePath: file.name)
            runner = try await SessionRunner.start(
                session, store: store,
                captured: { (output as? TerminalOutput)?.takeCaptured() ?? "" },
                interpreter: { id in
                    makeInterpreter(
                        provider: provider(), store: store, sessionID: id, output: output, commands: commands,
                        models: services.modelFacts, wire: services.wire, dataFiles: dataFiles)
                })
        } catch {
            problem("the database failed: \(error)")
            return .serviceFailed
        }
        jsonOutput.record(sessionID: runner.sessionID)
        var cells = ScriptCells(script: script, file: file, fail: fail)
        _ = await runner.run(&cells)
        if let replay, !json {
            // What a replay says it served (as `athanor replay --offline` does).
            output.emit(
                .text(
                    "replay of session \(replay.sessionID) with \(file.name) is session \(runner.sessionID): "
                        + "\(replay.answers.servedCount) answers from storage, 0 requests sent"))
        }
        return cells.status
    }

    // MARK: Pieces

    /// What `:set` changes while the script runs.
    private let sessionSettings = SessionSettings()
    private let jsonOutput = JSONOutput()

    private func makeInterpreter(
        provider: any CompletionProvider, store: any RunStore, sessionID: Int64?, output: any CellOutput,
        commands: (any MetaCommandHandler)?, models: @escaping @Sendable ([String?]) async -> ModelFacts,
        wire: @escaping @Sendable (CompletionRequest) -> WireRequest, dataFiles: DataFiles
    ) -> Interpreter {
        Interpreter(
            services: .init(
                provider: provider, store: store, sessionID: sessionID, baseDirectory: baseDirectory, output: output,
                commands: commands, sessionSettings: sessionSettings, models: models, wire: wire,
                dataFiles: dataFiles),
            settings: settings,
            overrides: Dictionary(overrides.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))
    }

    /// With `--max-cost`, the script's planned requests must be estimated within it, every model priced.
    private func checkBudget(_ plans: PlanCounter) -> ExitStatus? {
        guard let maxCost, plans.requests > 0 else { return nil }
        let cost = plans.cost
        let budget = CostEstimate.format(maxCost)
        if !cost.isComplete {
            problem(
                "--max-cost \(budget) cannot be checked: cost unknown for "
                    + "\(cost.unpricedModels.joined(separator: ", ")) (no price in the model list); nothing was sent")
            return .scriptError
        }
        guard cost.dollars > maxCost else { return nil }
        problem(
            "the script's \(plans.requests) requests are estimated at \(cost.text), "
                + "above --max-cost \(budget); nothing was sent")
        return .scriptError
    }

    /// Every `--var` must name a top-level `let` of the script.
    private func checkOverrides(_ script: Script) -> ExitStatus? {
        var lets: [String] = []
        for cell in script.cells {
            for statement in cell.statements { if case .let(let name, _) = statement.kind { lets.append(name.name) } }
        }
        for override in overrides where !lets.contains(override.name) {
            var message = "--var \(override.name): the script has no 'let \(override.name)'"
            if let near = NameSuggestion.nearest(to: override.name, among: lets) {
                message += "; did you mean '\(near)'?"
            }
            problem(message)
            return .scriptError
        }
        return nil
    }

    private func fail(_ failure: CellFailure, cell: Cell, index: Int) -> ExitStatus {
        let name = ScriptCells.name(of: cell, index: index)
        switch failure {
        case .script(let diagnostic):
            report(diagnostic)
            problem("stopped at \(name): the script is wrong")
        case .provider(let message):
            problem("\(name) failed: \(message)")
        case .store(let message):
            problem("\(name) failed: the database failed: \(message)")
        case .cancelled:
            problem("\(name) interrupted")
        case .budgetReached(let message):
            problem("\(name) stopped: \(message)")
        }
        return ExitStatus(failure)
    }

    /// A problem in the script: rendered on standard error, and kept for the JSON document.
    private func report(_ diagnostic: Diagnostic) {
        StandardStreams.error(DiagnosticRenderer.render(diagnostic, in: file, color: diagnosticsInColor) + "\n")
        jsonOutput.record(diagnostic, in: file)
    }

    /// Why the script stops, said on standard error, and kept for the JSON document.
    private func problem(_ sentence: String) {
        StandardStreams.error("athanor: \(sentence)\n")
        jsonOutput.record(error: sentence)
    }
}

/// Counts the requests a checking pass planned and their estimated cost, passing events on.
final class PlanCounter: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private let next: any CellOutput
    private var count = 0
    private var toOwnServer = false
    private var estimate = CostEstimate()

    init(forwardingTo next: any CellOutput) {
        self.next = next
    }

    var requests: Int { lock.withLock { count } }
    /// Whether any planned request goes to the process's own server (a model without `endpoint`).
    var ownServerRequests: Bool { lock.withLock { toOwnServer } }
    /// What the planned requests would cost at most, together.
    var cost: CostEstimate { lock.withLock { estimate } }

    func emit(_ event: CellEvent) {
        if case .plan(let plan) = event {
            lock.withLock {
                count += plan.requests
                if plan.requests > 0, plan.endpoints.contains(where: { $0 == nil }) { toOwnServer = true }
                estimate = estimate + plan.cost
            }
        }
        next.emit(event)
    }
}
