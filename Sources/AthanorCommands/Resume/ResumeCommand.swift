import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// `athanor resume RUN_ID [--failed]`: finishes a run whose process died (or was cancelled) from
/// its stored plan, sending only the points without an answer, into the same run (`RunResumer`).
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted or cancelled run from its stored plan: send only the points without an answer."
    )

    @ArgumentParser.Argument(help: "The run to resume.")
    var runID: Int64

    @Flag(help: "Also send again the points that failed after retries.")
    var failed = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment)
        let status = await Interrupts.batch {
            await Self.resume(runID, failedToo: failed, services: services, environment: environment)
        }
        if status != .success { throw status.exitCode }
    }

    static func resume(_ runID: Int64, failedToo: Bool, services: ServiceFactory, environment: [String: String])
        async -> ExitStatus
    {
        let renderer = EventRenderer(style: TerminalStyle.detect(environment: environment), topAlternatives: 5)
        do {
            let store = try await services.store()
            let resumer = RunResumer(
                store: store, provider: services.provider(), providerProblem: services.providerProblem(),
                output: TerminalOutput(renderer: renderer), report: { StandardStreams.error("athanor: \($0)\n") })
            if let failed = try await resumer.resume(runID, failedToo: failedToo) {
                StandardStreams.error("athanor: \(failed)\n")
                return .serviceFailed
            }
            return .success
        } catch let failure as CellFailure {
            switch failure {
            case .script(let diagnostic): StandardStreams.error("athanor: \(diagnostic.message)\n")
            case .cancelled: StandardStreams.error("athanor: resuming run \(runID) was interrupted\n")
            case .provider, .store, .budgetReached: StandardStreams.error("athanor: \(failure)\n")
            }
            return ExitStatus(failure)
        } catch {
            StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
            return .serviceFailed
        }
    }
}
