import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// `athanor run FILE…`: scripts in batch, with an exit status for CI.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Run .ath scripts; exit 0 (all held), 1 (an assert failed), 2 (script wrong), 3 (provider or database failed).",
        discussion: "Use '-' to read a script from standard input."
    )

    @ArgumentParser.Argument(help: "Script files to run, in order ('-' for standard input).")
    var files: [String]

    @Flag(help: "Plan every request and print the plans; send nothing and store nothing.")
    var dryRun = false

    @Flag(
        help:
            "With --dry-run: print every request in full (the filled messages uncut, every parameter sent, each turn's model, the URL)."
    )
    var full = false

    @Option(
        name: .customLong("var"),
        help: ArgumentHelp("Override a top-level 'let' binding (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: "Output format: text or json (one document, also for a script error; docs/json.md).")
    var format: OutputFormat = .text

    @Option(help: "Requests in flight at once, for sweeps that do not say (default 8).")
    var concurrency: Int?

    @Option(help: "Alternatives shown per token.")
    var top: Int = 5

    @Option(
        help: ArgumentHelp(
            "Refuse, before sending anything, a script whose requests are estimated to cost more (exit 2).",
            valueName: "USD"))
    var maxCost: Double?

    @Flag(help: "Answer a request identical to one answered before from the response cache, without sending it.")
    var cache = false

    @Flag(
        help: ArgumentHelp(
            "Store each run and its plan for workers and return at once, sending nothing: "
                + "`athanor worker` sends them, `athanor watch RUN` follows."))
    var enqueue = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if top < 0 || top > 20 { throw ValidationError("--top must be between 0 and 20") }
        if enqueue, dryRun {
            throw ValidationError("--enqueue stores runs for workers; --dry-run stores nothing: give one")
        }
        if full, !dryRun {
            throw ValidationError("--full goes with --dry-run: it prints the requests instead of sending them")
        }
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) {
            throw ValidationError("--max-cost must be a number of US dollars, 0 or more")
        }
    }

    func run() async throws {
        var overrides: [VariableOverride] = []
        for variable in variables {
            do { overrides.append(try VariableOverride(parsing: variable)) } catch {
                throw refuse(file: files.first ?? "", "\(error)")
            }
        }
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment, cache: cache)
        var settings = Interpreter.Settings()
        if let concurrency { settings.concurrency = concurrency }
        settings.fullPlans = dryRun && (full || format == .json)
        let style = TerminalStyle.detect(environment: environment)
        let renderer = EventRenderer(style: style, topAlternatives: top)
        let diagnosticsInColor = isatty(STDERR_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty

        var worst = ExitStatus.success
        for path in files {
            let read: (file: SourceFile, problem: Diagnostic?)
            let base: URL
            if path == "-" {
                read = SourceFile.decoding(FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>")
                base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw refuse(file: path, "cannot read '\(path)'")
                }
                read = SourceFile.decoding(data, name: path)
                base = URL(fileURLWithPath: path).deletingLastPathComponent()
            }
            let file = read.file
            if let problem = read.problem {
                StandardStreams.error(DiagnosticRenderer.render(problem, in: file, color: diagnosticsInColor) + "\n")
                throw refuse(file: file.name, diagnostic: (problem, file))
            }
            // --max-cost is the script's: its runs' answers are summed against it as they arrive.
            settings.budget = maxCost.map(SpendingLimit.init(budget:))
            let runner = ScriptRunner(
                file: file, baseDirectory: base, overrides: overrides, settings: settings, dryRun: dryRun,
                maxCost: maxCost, enqueue: enqueue, json: format == .json, renderer: renderer,
                diagnosticsInColor: diagnosticsInColor)
            let status = await Interrupts.batch { await runner.run(services: services) }
            if status != .success { worst = status }
            if status == .scriptError || status == .serviceFailed || status == .interrupted { break }
        }
        await services.close()
        if worst != .success { throw worst.exitCode }
    }

    /// A script refused before it runs (exit 2): the sentence on standard error, and with
    /// `--format json` the script's document on standard output, with it or with the diagnostic.
    private func refuse(file: String, _ sentence: String? = nil, diagnostic: (Diagnostic, SourceFile)? = nil)
        -> ExitCode
    {
        if let sentence { StandardStreams.error("athanor: \(sentence)\n") }
        if format == .json {
            let document = JSONOutput()
            if let sentence { document.record(error: sentence) }
            if let (problem, source) = diagnostic { document.record(problem, in: source) }
            StandardStreams.out(document.document(file: file, status: .scriptError).serialized() + "\n")
        }
        return ExitStatus.scriptError.exitCode
    }
}
