import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// `athanor replay SESSION`: a stored session run again, live or offline, optionally diffed.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a stored session's cells in order as a new session (see 'athanor sessions').",
        discussion: """
            --offline answers every request from the original session's stored responses and sends nothing. \
            --diff compares each new run with its original and exits 1 when more than --tolerance of the points \
            changed their answer (default 0: any change). csv() and jsonl() read the copies of their files stored \
            with the session, never the current folder (a note says when a file changed since).

            --offline --with FILE runs FILE's cells instead (new assertions and shows included) against the \
            session's stored answers, matched by point key and request; a point with no stored answer stops the \
            script before anything is stored. FILE's csv() and jsonl() paths that the session read are served from \
            its stored copies, others from disk. Exit statuses are those of 'athanor run'.
            """)

    @ArgumentParser.Argument(help: "The session id to replay.")
    var session: Int64

    @Flag(help: "Serve every request from the original's stored responses; send nothing.")
    var offline = false

    @Option(
        name: .customLong("with"),
        help: ArgumentHelp(
            "With --offline: run this script's cells against the session's stored answers.",
            valueName: "file"), completion: .file(extensions: ["ath"]))
    var script: String?

    @Flag(help: "Compare each new run with its original; exit 1 when the drift exceeds --tolerance.")
    var diff = false

    @Option(help: "The largest share of points (0…1) whose answer may change under --diff.")
    var tolerance = 0.0

    @Flag(help: "Answer identical requests from the response cache (live replays only).")
    var cache = false

    @Option(help: "Alternatives shown per token.")
    var top = 5

    func validate() throws {
        if !(0...1).contains(tolerance) { throw ValidationError("--tolerance must be between 0 and 1") }
        if offline && cache { throw ValidationError("--cache has no effect with --offline, which sends nothing") }
        if script != nil, !offline {
            throw ValidationError("--with answers a script from the session's stored answers: add --offline")
        }
        if script != nil, diff {
            throw ValidationError(
                "--diff compares the session's own cells with their replay; it does not go with --with")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment, cache: cache)
        let renderer = EventRenderer(style: TerminalStyle.detect(environment: environment), topAlternatives: top)
        let output = TerminalOutput(renderer: renderer)
        let (session, offline, diff, tolerance) = (session, offline, diff, tolerance)
        if let script {
            let status = await replay(script, services: services, renderer: renderer, environment: environment)
            await services.close()
            if status != .success { throw status.exitCode }
            return
        }
        if !offline, let problem = services.providerProblem() {
            StandardStreams.error("athanor: \(problem) (or replay with --offline)\n")
            throw ExitStatus.serviceFailed.exitCode
        }
        let status: ExitStatus = await Interrupts.batch {
            do {
                let store = try await services.store()
                let runner = ReplayRunner(
                    originalSessionID: session, offline: offline, settings: Interpreter.Settings(), output: output,
                    commands: MetaCommands(store: store, renderer: renderer),
                    report: { StandardStreams.error($0 + "\n") })
                let outcome = try await runner.run(store: store, liveProvider: { services.provider() })
                var line = "replay of session \(session) is session \(outcome.sessionID)"
                if offline { line += ": \(outcome.served) answers from storage, 0 requests sent" }
                output.emit(.text(line))
                guard diff else { return outcome.status }
                let report = try await DriftReport.load(outcome.runPairs, from: store)
                report.emit(to: output)
                if report.exceeds(tolerance: tolerance), outcome.status == .success { return .assertionFailed }
                return outcome.status
            } catch let error as InspectionError {
                StandardStreams.error("athanor: \(error)\n")
                return .scriptError
            } catch {
                StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
                return .serviceFailed
            }
        }
        await services.close()
        if status != .success { throw status.exitCode }
    }

    /// `--offline --with FILE`: the script run as `athanor run` runs it, answered from the session.
    private func replay(
        _ path: String, services: ServiceFactory, renderer: EventRenderer, environment: [String: String]
    ) async -> ExitStatus {
        let color = isatty(STDERR_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardStreams.error("athanor: cannot read '\(path)'\n")
            return .scriptError
        }
        let read = SourceFile.decoding(data, name: path)
        if let problem = read.problem {
            StandardStreams.error(DiagnosticRenderer.render(problem, in: read.file, color: color) + "\n")
            return .scriptError
        }
        let runner = ScriptRunner(
            file: read.file, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent(), overrides: [],
            settings: Interpreter.Settings(), dryRun: false, replayOf: session, json: false, renderer: renderer,
            diagnosticsInColor: color)
        return await Interrupts.batch { await runner.run(services: services) }
    }
}
