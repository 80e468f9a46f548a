import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// `run_script`: a script's text checked and planned like `athanor run --dry-run` (the default:
/// nothing sent, nothing stored, the answer is each plan and its estimated cost), or, only with
/// `dry_run: false`, run for real like `athanor run` as one stored session. The real run is a task
/// in `McpRunRegistry`, so `cancel_run` can stop it; its printed output is kept, not printed, since
/// standard output carries the protocol.
struct ScriptTool: Sendable {
    let services: ServiceFactory
    let registry: McpRunRegistry
    /// Relative paths in scripts (`csv("…")`) start here: the server's working directory.
    let directory: URL

    func run(_ arguments: McpArguments) async throws -> JSONValue {
        let text = try arguments.requiredString("script")
        let dryRun = try arguments.bool("dry_run") ?? true
        let maxCost = try arguments.number("max_cost")
        let wait = try arguments.bool("wait") ?? true
        var settings = Interpreter.Settings()
        if let concurrency = try arguments.integer("concurrency", in: 1...256) { settings.concurrency = concurrency }
        if let maxCost, maxCost < 0 {
            throw McpToolError.invalid("run_script: 'max_cost' must be 0 or more US dollars")
        }

        let file = SourceFile(name: "mcp-script.ath", text: text)
        let parsed = Parser.parseScript(file)
        guard parsed.diagnostics.isEmpty else {
            throw McpToolError.failed(
                "the script is wrong (nothing was sent):\n"
                    + parsed.diagnostics.map { DiagnosticRenderer.render($0, in: file, color: false) }.joined(
                        separator: "\n"))
        }
        let store: any RunStore
        do { store = try await services.store() } catch {
            throw McpToolError.failed(ServiceFactory.describe(storeFailure: error))
        }

        // Pass 1: every cell planned, nothing sent or stored.
        let sessionSettings = SessionSettings()
        let planned = McpCellOutput()
        let plans = PlanCounter(forwardingTo: planned)
        let checker = interpreter(
            store: store, sessionID: nil, output: plans, settings: settings, session: sessionSettings)
        for (index, cell) in parsed.script.cells.enumerated() {
            do throws(CellFailure) {
                _ = try await checker.run(cell, in: file, cellID: nil, dryRun: true)
            } catch {
                throw McpToolError.failed(Self.describe(error, cell: cell, index: index, file: file, unsent: true))
            }
        }
        var document: [String: JSONValue] = [
            "dry_run": .bool(dryRun), "requests": .number(Double(plans.requests)), "plans": planned.plansJSON(),
            "cost": plans.cost.jsonValue, "plan_text": .string(planned.text),
        ]
        if dryRun {
            document["sent"] = false
            document["note"] = .string(
                "nothing was sent or stored; call run_script again with dry_run false to send "
                    + "\(plans.requests) request\(plans.requests == 1 ? "" : "s") (estimated \(plans.cost.text))")
            return .object(document)
        }
        if let maxCost, plans.requests > 0 {
            let budget = CostEstimate.format(maxCost)
            if !plans.cost.isComplete {
                throw McpToolError.failed(
                    "max_cost \(budget) cannot be checked: cost unknown for "
                        + "\(plans.cost.unpricedModels.joined(separator: ", ")) (no price in the model list); nothing was sent"
                )
            }
            if plans.cost.dollars > maxCost {
                throw McpToolError.failed(
                    "the script's \(plans.requests) requests are estimated at \(plans.cost.text), above max_cost "
                        + "\(budget); nothing was sent")
            }
        }
        if plans.requests > 0, let problem = services.providerProblem() {
            throw McpToolError.failed(problem + "; nothing was sent")
        }

        // Pass 2: for real, as one stored session, in a task `cancel_run` can cancel.
        let output = McpCellOutput()
        let record = ScriptRecord()
        let runner: SessionRunner
        do {
            let commands = MetaCommands(
                store: store, renderer: EventRenderer(style: TerminalStyle(color: false, width: 120)),
                settings: sessionSettings, models: { [services] in await services.modelListing() },
                directory: directory)
            runner = try await SessionRunner.start(
                NewSession(kind: .script, sourcePath: "mcp:run_script"), store: store,
                captured: { output.takeCaptured() },
                interpreter: { id in
                    interpreter(
                        store: store, sessionID: id, output: output, settings: settings, session: sessionSettings,
                        commands: commands)
                })
        } catch {
            throw McpToolError.failed(ServiceFactory.describe(storeFailure: error))
        }
        let task = await registry.start(session: runner.sessionID) {
            var cells = ScriptCells(script: parsed.script, file: file) { failure, cell, index in
                record.say(Self.describe(failure, cell: cell, index: index, file: file))
                return ExitStatus(failure)
            }
            _ = await runner.run(&cells)
            record.end(cells.status)
        }
        document["session_id"] = .number(Double(runner.sessionID))
        if !wait {
            let runs = try await firstRuns(of: runner.sessionID, in: store, until: record)
            document["run_ids"] = .array(runs.map { .number(Double($0)) })
            if record.hasEnded {
                document["status"] = .string(Self.name(of: record.status))
                document["output"] = .string(output.text)
            } else {
                document["status"] = "running"
                document["note"] = .string(
                    "the script goes on in this server; show_run follows its runs, cancel_run stops them")
            }
            return .object(document)
        }
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        // The client cancelled this call (`notifications/cancelled`): the script is stored
        // cancelled, and the call gets no answer, as the protocol asks.
        try Task.checkCancellation()
        // Every run of the session, a cancelled one too (which shows no table to collect it from).
        let runIDs =
            (try? await store.runs(sessionID: runner.sessionID, status: nil, limit: 1000).map(\.id).sorted())
            ?? output.runIDs
        document["run_ids"] = .array(runIDs.map { .number(Double($0)) })
        document["status"] = .string(Self.name(of: record.status))
        document["output"] = .string(output.text)
        document["messages"] = .array(record.messages.map(JSONValue.string))
        return .object(document)
    }

    // MARK: Pieces

    private func interpreter(
        store: any RunStore, sessionID: Int64?, output: any CellOutput, settings: Interpreter.Settings,
        session: SessionSettings, commands: (any MetaCommandHandler)? = nil
    ) -> Interpreter {
        Interpreter(
            services: .init(
                provider: services.provider(), store: store, sessionID: sessionID, baseDirectory: directory,
                output: output, commands: commands, sessionSettings: session, models: services.modelFacts,
                wire: services.wire),
            settings: settings, overrides: [:])
    }

    /// The ids of the session's first runs, once one is stored (none when the script ended
    /// without one, or made none within 30 seconds).
    private func firstRuns(of session: Int64, in store: any RunStore, until record: ScriptRecord) async throws
        -> [Int64]
    {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let ended = record.hasEnded
            let runs = try await store.runs(sessionID: session, status: nil, limit: 20)
            if !runs.isEmpty || ended { return runs.map(\.id).sorted() }
            try await Task.sleep(for: .milliseconds(25))
        }
        return []
    }

    /// `cell 2 (title): …`, the sentence `athanor run` prints for a cell that stopped the script.
    /// With `unsent`, the sentence adds that nothing was sent (the failure was found while planning).
    static func describe(_ failure: CellFailure, cell: Cell, index: Int, file: SourceFile, unsent: Bool = false)
        -> String
    {
        let name = ScriptCells.name(of: cell, index: index)
        let note = unsent ? " (nothing was sent)" : ""
        switch failure {
        case .script(let diagnostic):
            return "\(name): the script is wrong\(note):\n"
                + DiagnosticRenderer.render(diagnostic, in: file, color: false)
        case .provider(let message): return "\(name) failed\(note): \(message)"
        case .store(let message): return "\(name) failed\(note): the database failed: \(message)"
        case .cancelled: return "\(name) was cancelled\(note)"
        case .budgetReached(let message): return "\(name) stopped: \(message)"
        }
    }

    /// How the script ended, in a word: the batch exit statuses' meanings.
    static func name(of status: ExitStatus) -> String {
        switch status {
        case .success: "completed"
        case .assertionFailed: "assertion_failed"
        case .scriptError: "script_error"
        case .serviceFailed: "failed"
        case .interrupted: "cancelled"
        }
    }
}

/// How a real run's script ended and what it said of its failures, written by its task.
private final class ScriptRecord: @unchecked Sendable {  // every stored property is guarded by `lock`
    private let lock = NSLock()
    private var said: [String] = []
    private var ended: ExitStatus?

    func say(_ message: String) { lock.withLock { said.append(message) } }
    func end(_ status: ExitStatus) { lock.withLock { ended = status } }
    var messages: [String] { lock.withLock { said } }
    var status: ExitStatus { lock.withLock { ended ?? .success } }
    var hasEnded: Bool { lock.withLock { ended != nil } }
}
