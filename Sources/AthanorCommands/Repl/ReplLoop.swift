import AthanorCore
import AthanorLanguage
import Foundation
import OpenRouter
import Terminal

/// The prompt's one loop: read an entry (libedit, continuing while a bracket or `"""` is open), run it as
/// the next cell of one stored session, and go on whatever the cell did, until `:quit` or Ctrl-D.
///
/// Input is `LineEditor`'s, cell execution `CellRunner`'s, meta-commands `MetaCommands`', output
/// `TerminalOutput`'s; this type only sequences them (psql's mainloop.c).
struct ReplLoop {
    let services: ServiceFactory
    let renderer: EventRenderer
    let settings: SessionSettings
    let environment: [String: String]

    func run() async -> ExitStatus {
        let store: any RunStore
        let sessionID: Int64
        do {
            store = try await services.store()
        } catch {
            StandardStreams.error("athanor: \(error)\n")
            return .serviceFailed
        }
        do {
            sessionID = try await store.startSession(NewSession(kind: .repl))
        } catch {
            StandardStreams.error("athanor: the database failed: \(error)\n")
            return .serviceFailed
        }
        let keyState = services.providerProblem() == nil ? "API key set" : "no API key (set OPENROUTER_API_KEY)"
        StandardStreams.out(
            "athanor \(Athanor.version) · session \(sessionID) · \(services.databaseDescription) · \(keyState) · :help, :quit\n"
        )

        let home = environment["HOME"] ?? NSHomeDirectory()
        let directory = FileManager.default.currentDirectoryPath
        let completion = CompletionState(directory: directory, home: home)
        let input = ReplInput(
            completer: completion.completer,
            historyPath: LineEditor.defaultHistoryPath(environment: environment, home: home))
        let notebook = ReplNotebook(history: { input.historyEntries() })
        let output = TerminalOutput(renderer: renderer, settings: settings)
        let commands = MetaCommands(
            store: store, renderer: renderer, settings: settings,
            models: { [services] in await services.modelListing() },
            provider: { [services] in services.provider() },
            notebook: notebook, directory: URL(fileURLWithPath: directory))
        let interpreter = Interpreter(
            services: .init(
                provider: services.provider(settings: settings), store: store, sessionID: sessionID,
                baseDirectory: URL(fileURLWithPath: directory), output: output, commands: commands,
                sessionSettings: settings))
        let interrupts = ReplInterrupts()
        let terminal = TerminalModes.current()
        interrupts.onTermination { signalNumber in
            try? await store.finishSession(id: sessionID, status: .cancelled)
            terminal?.restore()
            let name = signalNumber == SIGHUP ? "SIGHUP" : "SIGTERM"
            StandardStreams.error("\nathanor: \(name): session \(sessionID) closed\n")
            exit(128 + signalNumber)
        }
        let runner = CellRunner(
            interpreter: interpreter, store: store, sessionID: sessionID, output: output, notebook: notebook,
            settings: settings, style: renderer.style, interrupts: interrupts)
        // Model ids for TAB after `model x = "`, from the cache or the server, without delaying the prompt.
        let catalog = Task { [services] in completion.update(modelIDs: await services.modelListing().models.map(\.id)) }
        defer { catalog.cancel() }

        var position = 0
        loop: while true {
            if let loaded = notebook.dequeue() {
                position += 1
                StandardStreams.out(
                    renderer.style.paint("[\(position)] \(loaded.cell.title ?? loaded.file.name)", .dim) + "\n")
                let ending = await runner.run(
                    source: loaded.cell.source, title: loaded.cell.title, file: loaded.file, cells: [loaded.cell],
                    diagnostics: [], position: position)
                completion.update(bindings: await interpreter.bindings)
                if ending.failed { notebook.dropQueue() }
                if ending.quit { break loop }
                continue
            }
            let prompt = "[\(position + 1)]> "
            let continuation = String(repeating: " ", count: max(0, prompt.count - 5)) + "...> "
            switch await input.read(prompt: prompt, continuation: continuation) {
            case .endOfInput:
                break loop
            case .interrupted:
                continue
            case .text(let entry):
                guard !entry.allSatisfy(\.isWhitespace) else { continue }
                position += 1
                let file = SourceFile(name: "[\(position)]", text: entry)
                let parsed = Parser.parseEntry(file)
                let ending = await runner.run(
                    source: entry, title: nil, file: file, cells: parsed.script.cells, diagnostics: parsed.diagnostics,
                    position: position)
                completion.update(bindings: await interpreter.bindings)
                if ending.quit { break loop }
            }
        }
        do { try await store.finishSession(id: sessionID, status: .completed) } catch {
            StandardStreams.error("athanor: the session could not be closed: \(error)\n")
        }
        return .success
    }
}
