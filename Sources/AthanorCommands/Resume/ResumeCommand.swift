import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation
import PostgresStore
import Terminal

/// `athanor resume RUN_ID`: finishes a run whose process died (or was cancelled), sending only
/// the points not yet stored, into the same run.
///
/// The run's session cells up to its own are planned again (a dry run: nothing sent, nothing
/// stored) to rebuild the names the statement uses; the statement itself then runs for real with
/// the stored keys skipped. `run_results (run_id, key)` is unique, so nothing is stored twice.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted or cancelled run: send only the points not yet stored."
    )

    @ArgumentParser.Argument(help: "The run to resume.")
    var runID: Int64

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment)
        let status = await CancellableCell.run { await Self.resume(runID, services: services, environment: environment) }
        if status != .success { throw status.exitCode }
    }

    static func resume(_ runID: Int64, services: ServiceFactory, environment: [String: String]) async -> ExitStatus {
        do {
            let store = try await services.postgresStore()
            try await store.markInterruptedRuns(staleAfter: RunLiveness.staleAfter)
            guard let run = try await store.run(id: runID), let source = try await store.resumeSource(runID: runID) else {
                StandardStreams.error("athanor: there is no run \(runID)\n")
                return .scriptError
            }
            switch run.status {
            case .interrupted, .cancelled, .failed: break
            case .running, .pending:
                StandardStreams.error(
                    "athanor: run \(runID) is still running (its heartbeat is recent); resume it once its process has stopped\n")
                return .scriptError
            case .completed:
                StandardStreams.error("athanor: run \(runID) is already completed; nothing to resume\n")
                return .success
            }
            if let problem = services.providerProblem() {
                StandardStreams.error("athanor: \(problem)\n")
                return .serviceFailed
            }
            let stored = try await store.resultKeys(runID: runID)
            try await store.reopenRun(id: runID)
            StandardStreams.error("athanor: resuming run \(runID) (\(run.instanceName)): \(stored.count) points already stored\n")
            return await replan(source, stored: stored, store: store, services: services, environment: environment)
        } catch {
            StandardStreams.error("athanor: the database failed: \(error)\n")
            return .serviceFailed
        }
    }

    /// Runs the session's cells as a dry run until the target statement, which runs for real.
    private static func replan(
        _ source: ResumeSource, stored: Set<String>, store: PostgresRunStore, services: ServiceFactory,
        environment: [String: String]
    ) async -> ExitStatus {
        let base = source.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let renderer = EventRenderer(style: TerminalStyle.detect(environment: environment), topAlternatives: 5)
        let interpreter = Interpreter(
            services: .init(
                provider: services.provider(), store: store, sessionID: nil, baseDirectory: base,
                output: RunEventsOnly(next: TerminalOutput(renderer: renderer)), commands: nil))
        await interpreter.setResumeTarget(ResumeTarget(runID: source.runID, source: source.statement, storedKeys: stored))
        let cells = source.cells.isEmpty ? [source.statement] : source.cells
        for text in cells {
            let file = SourceFile(name: source.sourcePath ?? "<run \(source.runID)>", text: text)
            let parsed = Parser.parseScript(file)
            for cell in parsed.script.cells {
                do {
                    _ = try await interpreter.run(cell, in: file, cellID: nil, dryRun: true)
                } catch {
                    StandardStreams.error("athanor: resuming run \(source.runID) failed: \(error)\n")
                    return ExitStatus(error)
                }
                if await interpreter.resumeTarget == nil { return .success }
            }
        }
        StandardStreams.error("athanor: run \(source.runID)'s statement was not found in its cells; nothing was sent\n")
        return .scriptError
    }
}

/// Passes on only what the resumed run says (progress and its end), not the dry run of the cells
/// replayed to rebuild its names.
private struct RunEventsOnly: CellOutput {
    let next: any CellOutput
    func emit(_ event: CellEvent) {
        switch event {
        case .progress, .runFinished, .answers, .warning: next.emit(event)
        default: break
        }
    }
}
