import ArgumentParser
import AthanorCore
import Foundation
import OpenRouter
import PostgresStore

/// `athanor worker [--run ID] [--concurrency N] [--rate R] [--follow]`: sends the points of runs
/// queued with `athanor run --enqueue`, together with any number of other workers, on any number
/// of machines, pointed at one database (`Worker`, docs/workers.md).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Send the points of queued runs (athanor run --enqueue), with any number of other workers.",
        discussion: """
            A worker claims a batch of a queued run's points at a time and stores each answer as it comes. \
            Start as many as you like, on as many machines, pointed at one DATABASE_URL: no point is stored \
            twice, and the points of a worker that dies (or stays paused past ATHANOR_WORKER_LEASE, 30 s) go \
            to the others. Without --follow it stops when no queued run has work left. Exits 0 when its runs \
            are done, 3 when the database or the provider failed, 130 when stopped (its points go back to the \
            queue).
            """
    )

    @Option(help: "Only this run (default: every queued run, oldest first).")
    var run: Int64?

    @Option(help: "Requests in flight at once in this worker.")
    var concurrency: Int = 8

    @Option(
        help: ArgumentHelp(
            "Requests a second across every worker sending to this server (shared through the database).",
            valueName: "R"))
    var rate: Double?

    @Flag(help: "When there is no work, wait for the next queued run instead of stopping.")
    var follow = false

    func validate() throws {
        guard (1...1024).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 1024")
        }
        if let rate, !(rate > 0 && rate.isFinite) {
            throw ValidationError("--rate must be a number of requests a second above 0")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment)
        let (runID, concurrency, rate, follow) = (run, concurrency, rate, follow)
        let status = await Interrupts.batch {
            await Self.work(
                runID: runID, concurrency: concurrency, rate: rate, follow: follow, services: services)
        }
        if status != .success { throw status.exitCode }
    }

    static func work(runID: Int64?, concurrency: Int, rate: Double?, follow: Bool, services: ServiceFactory) async
        -> ExitStatus
    {
        if let problem = services.providerProblem() {
            StandardStreams.error("athanor: \(problem)\n")
            return .serviceFailed
        }
        let store: PostgresRunStore
        do {
            store = try await services.postgresStore()
        } catch {
            StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
            return .serviceFailed
        }
        var worker = Worker(queue: store, provider: services.provider())
        worker.concurrency = concurrency
        worker.runID = runID
        worker.follow = follow
        worker.pacer = SharedRequestPacer(budget: store, endpoint: services.configuration.endpointKey, rate: rate)
        worker.queueChanges = { try await store.queueChanges() }
        do {
            let summary = try await worker.work(report: { StandardStreams.out("\($0)\n") })
            if summary.runs.isEmpty {
                StandardStreams.out(
                    runID.map { "run \($0) is not queued, or has ended: nothing to do\n" }
                        ?? "no queued run has work: nothing to do\n")
            }
            StandardStreams.out(summary.text + "\n")
            return .success
        } catch {
            switch error {
            case .cancelled:
                StandardStreams.error("athanor: worker stopped; the points it held went back to the queue\n")
            default: StandardStreams.error("athanor: \(error)\n")
            }
            return ExitStatus(error)
        }
    }
}
