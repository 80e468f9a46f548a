import AthanorLanguage
import Foundation

/// Finishes a stored run from its stored plan: `athanor resume RUN` and the prompt's `:resume`.
///
/// It never reads the script again. It takes the run's lock first, so two resumes, or a resume and
/// the run's own process, never send a point twice; stores the answers a stopped process held in a
/// local file; then sends exactly the points that have neither an answer nor an error (and, with
/// `failedToo`, those that failed after retries), and ends the run with the status and totals its
/// rows say.
public struct RunResumption: Sendable {
    public let provider: any CompletionProvider
    public let store: any RunStore
    public let output: any CellOutput
    public var retryPolicy = RetryPolicy(environment: ProcessInfo.processInfo.environment)
    public var durability = RunDurability()
    /// Why requests to the process's own server cannot be sent (no API key), said only when the
    /// run has points to send there (a run whose models all name an `endpoint` needs no key).
    public var providerProblem: String?

    public init(provider: any CompletionProvider, store: any RunStore, output: any CellOutput) {
        self.provider = provider
        self.store = store
        self.output = output
    }

    /// Whether any model of the run's stored plan goes to the process's own server (no `endpoint`);
    /// true when the plan's heads cannot be read.
    private static func usesOwnServer(_ runID: Int64, store: any RunStore) async -> Bool {
        guard let heads = try? await store.planHeads(runID: runID) else { return true }
        return heads.heads.contains { $0.model.endpoint == nil }
    }

    /// `report` hears what is happening (`resuming run 4 …`), for the person waiting. Returns the
    /// points that still failed after their retries, when any did.
    @discardableResult
    public func resume(_ runID: Int64, failedToo: Bool, report: @Sendable (String) -> Void) async throws(CellFailure)
        -> FailedPoints?
    {
        let run: StoredRun
        var counts: PointCounts
        do {
            guard let found = try await store.run(id: runID) else {
                throw Self.wrong("there is no run \(runID); 'athanor runs' lists them")
            }
            run = found
            counts = try await store.pointCounts(runID: runID)
            guard counts.planned > 0 else {
                throw Self.wrong(
                    "run \(runID) has no stored plan: it was stored before athanor kept plans, or it stopped "
                        + "before its plan was stored (nothing of it was sent); run its script again")
            }
            switch try await store.claimRun(id: runID) {
            case .claimed: break
            case .notFound: throw Self.wrong("there is no run \(runID); 'athanor runs' lists them")
            case .ownedElsewhere(let owner):
                throw Self.wrong(
                    "run \(runID) is being run by another process\(owner.map { " (\($0))" } ?? ""); "
                        + "resume it once that process has stopped")
            }
            let held = durability.heldAnswers.rows(runID: runID)
            if !held.isEmpty {
                let heldStored = try await store.storeHeldAnswers(runID: runID, held)
                durability.heldAnswers.discard(runID: runID)
                report("stored \(heldStored) answer\(heldStored == 1 ? "" : "s") held by the process that stopped")
                counts = try await store.pointCounts(runID: runID)
            }
        } catch let failure as CellFailure {
            throw failure
        } catch {
            throw .store("\(error)")
        }

        let toSend = counts.open + (failedToo ? counts.failed : 0)
        if toSend > 0, let providerProblem, await Self.usesOwnServer(runID, store: store) {
            _ = try? await store.releaseRun(id: runID)
            throw .provider(providerProblem)
        }
        if toSend == 0 {
            report(
                "run \(runID) has nothing to send: every point has its answer"
                    + (counts.failed > 0
                        ? " or its error (\(counts.failed) failed; `athanor resume \(runID) --failed` sends those again)"
                        : ""))
        } else {
            report(
                "resuming run \(runID) (\(run.instanceName)): \(counts.planned - toSend) of \(counts.planned) points "
                    + "stored, \(toSend) to send")
        }
        var feed = StoredPointFeed(store: store, runID: runID, includeFailed: failedToo)
        let execution = RunExecution(
            provider: provider, store: store, output: output, retryPolicy: retryPolicy, durability: durability)
        let finished = try await execution.run(
            runID: runID, feed: &feed, total: counts.planned, done: counts.planned - toSend,
            concurrency: run.metadata["concurrency"]?.intValue ?? 8,
            note: "resumed: \(toSend) of \(counts.planned) points to send", modelIDs: [], keepResults: false,
            liveAnswer: nil)
        let value = RunValue(
            id: runID, name: run.instanceName, status: finished.conclusion.status, sessionID: run.sessionID,
            results: [])
        output.emit(.runFinished(value, finished.conclusion.totals))
        if Task.isCancelled { throw .cancelled }
        if finished.conclusion.status == .failed, toSend > 0 {
            throw .provider("run \(runID) failed: \(finished.outcome.firstError ?? "no point was answered")")
        }
        let failed = finished.conclusion.counts.failed
        guard failed > 0, toSend > 0 else { return nil }
        return FailedPoints(
            runID: runID, failed: failed, planned: finished.conclusion.counts.planned,
            firstError: finished.outcome.firstError)
    }

    private static func wrong(_ message: String) -> CellFailure {
        .script(Diagnostic(.error, message, at: .none))
    }
}
