import ArgumentParser
import AthanorCore

/// `athanor logs RUN`: a run's log, optionally from one level up, optionally following it live.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print a stored run's log.")

    @ArgumentParser.Argument(help: "The run id.")
    var run: Int64

    @Option(help: "Only entries at this level or above (debug, info, warning, error).")
    var level: String?

    @Flag(help: "Keep printing new entries until the run ends (Ctrl-C to stop).")
    var follow = false

    @Option(help: "Output format: text or json (one document of the log so far; docs/json.md).")
    var format: RunCommand.OutputFormat = .text

    func validate() throws {
        do { _ = try Browsing.parse(level, as: LogLevel.self, option: "--level") } catch {
            throw ValidationError("\(error)")
        }
        if follow && format == .json {
            throw ValidationError("--follow prints entries as they come; it cannot be used with --format json")
        }
    }

    func run() async throws {
        let level = try Browsing.parse(level, as: LogLevel.self, option: "--level") ?? .debug
        let (id, follow, format) = (run, follow, format)
        try await Browsing.run { inspector in
            switch format {
            case .text: try await inspector.logs(run: id, level: level, follow: follow)
            case .json: Browsing.print(try await inspector.logsJSON(run: id, level: level))
            }
        }
    }
}
