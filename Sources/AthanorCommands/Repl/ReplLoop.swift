import AthanorCore
import AthanorLanguage
import Foundation
import OpenRouter
import Terminal

/// The prompt: each entry typed (or loaded) is the next cell of one stored session, whatever the
/// cell did, until `:quit` or Ctrl-D.
///
/// It opens the store and the session, sets up input, output (with the pager), completion and the
/// interrupts, queues the startup file's cells (`StartupFile`), and hands the entries (`PromptCells`) to the one session runner (`SessionRunner`).
struct ReplLoop {
    let services: ServiceFactory
    let renderer: EventRenderer
    let settings: SessionSettings
    let environment: [String: String]

    func run() async -> ExitStatus {
        let store: any RunStore
        do {
            store = try await services.store()
        } catch {
            StandardStreams.error("athanor: \(error)\n")
            return .serviceFailed
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let directory = FileManager.default.currentDirectoryPath
        let completion = CompletionState(directory: directory, home: home)
        let input = ReplInput(
            completer: completion.completer,
            historyPath: LineEditor.defaultHistoryPath(environment: environment, home: home))
        let notebook = ReplNotebook(history: { input.historyEntries() })
        let output = TerminalOutput(
            renderer: renderer, settings: settings, pager: Pager.configured(environment: environment),
            followsWindow: environment["COLUMNS"] == nil)
        let commands = MetaCommands(
            store: store, renderer: renderer, settings: settings,
            models: { [services] in await services.modelListing() },
            provider: { [services] in services.provider() },
            notebook: notebook, directory: URL(fileURLWithPath: directory))
        let runner: SessionRunner
        do {
            runner = try await SessionRunner.start(
                NewSession(kind: .repl), store: store, captured: { output.takeCaptured() },
                interpreter: { [services, settings] id in
                    Interpreter(
                        services: .init(
                            provider: services.provider(settings: settings), store: store, sessionID: id,
                            baseDirectory: URL(fileURLWithPath: directory), output: output, commands: commands,
                            sessionSettings: settings,
                            models: services.modelFacts, wire: services.wire))
                })
        } catch {
            StandardStreams.error("athanor: the database failed: \(error)\n")
            return .serviceFailed
        }
        let sessionID = runner.sessionID
        let keyState = services.endpointDescription
        StandardStreams.out(
            "athanor \(Athanor.version) · session \(sessionID) · \(services.databaseDescription) · \(keyState) · :help, :quit\n"
        )

        let interrupts = Interrupts(mode: .prompt)
        let terminal = TerminalModes.current()
        interrupts.onTermination { signalNumber in
            try? await store.finishSession(id: sessionID, status: .cancelled)
            terminal?.restore()
            let name = signalNumber == SIGHUP ? "SIGHUP" : signalNumber == SIGPIPE ? "output closed" : "SIGTERM"
            StandardStreams.error("\nathanor: \(name): session \(sessionID) closed\n")
            exit(128 + signalNumber)
        }
        // Model ids for TAB after `model x = "`, from the cache or the server, without delaying the prompt.
        let catalog = Task { [services] in completion.update(modelIDs: await services.modelListing().models.map(\.id)) }
        defer { catalog.cancel() }

        let recentRunIDs: @Sendable () async -> [Int64] = {
            (try? await store.recentRuns(limit: 100))?.map(\.id) ?? []
        }
        completion.update(runIDs: await recentRunIDs())
        let startup = StartupFile.path(environment: environment, home: home)
        switch StartupFile.load(from: startup) {
        case .success(let loaded): notebook.enqueue(loaded.cells, from: loaded.file)
        case .failure(let failure): StandardStreams.error("warning: \(failure); it was not run\n")
        }

        var cells = PromptCells(
            input: input, notebook: notebook, completion: completion, interpreter: runner.interpreter,
            interrupts: interrupts, renderer: renderer, settings: settings, recentRunIDs: recentRunIDs)
        _ = await runner.run(&cells)
        return .success
    }
}
