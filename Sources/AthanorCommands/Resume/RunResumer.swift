import AthanorCore
import Foundation

/// `athanor resume RUN` and the prompt's `:resume RUN`: `RunResumption` (the stored plan, the
/// run's lock, held answers) with what the person waiting is told.
struct RunResumer {
    let store: any RunStore
    let provider: any CompletionProvider
    /// Why requests cannot be sent (no API key), said once the run is known to need them.
    var providerProblem: String?
    /// Where the resumed run's progress and its end are shown.
    let output: any CellOutput
    /// A sentence about what is happening (`resuming run 4 …`), for the person waiting.
    let report: @Sendable (String) -> Void

    /// Returns the points that still failed after their retries, when any did.
    @discardableResult
    func resume(_ runID: Int64, failedToo: Bool = false) async throws(CellFailure) -> FailedPoints? {
        var resumption = RunResumption(provider: provider, store: store, output: output)
        resumption.providerProblem = providerProblem
        return try await resumption.resume(runID, failedToo: failedToo, report: report)
    }
}
