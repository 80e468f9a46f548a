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

    func validate() throws {
        do { _ = try Browsing.parse(level, as: LogLevel.self, option: "--level") } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let level = try Browsing.parse(level, as: LogLevel.self, option: "--level") ?? .debug
        let (id, follow) = (run, follow)
        try await Browsing.run { inspector in try await inspector.logs(run: id, level: level, follow: follow) }
    }
}
