import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// `athanor` with no arguments: the notebook at the prompt. With standard input that is not a
/// terminal, the input runs as a batch script, with the batch exit statuses.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive notebook (the default when no command is given)."
    )

    @Option(help: "Alternatives shown per token.")
    var top: Int = 5

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment)
        let style = TerminalStyle.detect(environment: environment)
        let renderer = EventRenderer(style: style, topAlternatives: top)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let runner = ScriptRunner(
                file: .init(name: "<stdin>", text: String(decoding: data, as: UTF8.self)),
                baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), overrides: [],
                settings: Interpreter.Settings(), dryRun: false, json: false, renderer: renderer,
                diagnosticsInColor: false)
            let status = await Interrupts.batch { await runner.run(services: services) }
            await services.close()
            if status != .success { throw status.exitCode }
            return
        }
        let settings = SessionSettings(top: top, color: style.color)
        let loop = ReplLoop(services: services, renderer: renderer, settings: settings, environment: environment)
        let status = await loop.run()
        await services.close()
        if status != .success { throw status.exitCode }
    }
}
