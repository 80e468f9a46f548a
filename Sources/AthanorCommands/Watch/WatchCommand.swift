import ArgumentParser
import AthanorCore
import Foundation

/// `athanor watch RUN_ID`: a run's progress and new log lines, live, from any terminal, while
/// another process runs it; exits with the run's outcome when it ends.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a run live (progress and new log lines) until it ends; Ctrl-C stops watching.",
        discussion: """
            Exits 0 when the run completed, 3 when it failed, 130 when it was cancelled or interrupted \
            (or when you stop watching).
            """
    )

    @ArgumentParser.Argument(help: "The run to watch.")
    var runID: Int64

    @Option(help: "Seconds between progress lines when standard output is not a terminal.")
    var interval: Double = 5

    func validate() throws {
        guard interval > 0 else { throw ValidationError("--interval must be more than 0 seconds") }
    }

    func run() async throws {
        let (id, interval) = (runID, interval)
        let status = await Interrupts.batch { await Self.watch(id, interval: .seconds(interval)) }
        if status != .success { throw status.exitCode }
    }

    static func watch(_ runID: Int64, interval: Duration) async -> ExitStatus {
        let services = ServiceFactory(environment: ProcessInfo.processInfo.environment)
        let display = WatchDisplay(isTerminal: StandardStreams.outputIsTerminal, interval: interval)
        do {
            let store = try await services.store()
            let run = try await RunWatcher(store: store, runID: runID, display: display).watch()
            return exitStatus(for: run.status)
        } catch let error as InspectionError {
            StandardStreams.error("athanor: \(error)\n")
            return .scriptError
        } catch is CancellationError {
            display.stop()
            return .interrupted
        } catch {
            display.stop()
            StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
            return .serviceFailed
        }
    }

    /// A run that ended as it should is success; one that failed is a service failure, as it is
    /// for the process that ran it; one stopped before its end (Ctrl-C, a dead process) is 130.
    static func exitStatus(for status: RunStatus) -> ExitStatus {
        switch status {
        case .completed: .success
        case .failed: .serviceFailed
        case .cancelled, .interrupted, .pending, .running: .interrupted
        }
    }
}
