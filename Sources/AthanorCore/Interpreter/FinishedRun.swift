/// A run a cell sent and ended, with what its rows say of its points.
struct FinishedRun: Sendable {
    var run: RunValue
    var counts: PointCounts
    /// The first error a point ended with, when one did.
    var firstError: String?
}

/// A run that ended with points that failed after their retries: what a batch reports and exits 3 for.
public struct FailedPoints: Sendable, Hashable, CustomStringConvertible {
    public var runID: Int64
    public var failed: Int
    public var planned: Int
    /// The first error a point ended with.
    public var firstError: String?

    public init(runID: Int64, failed: Int, planned: Int, firstError: String?) {
        self.runID = runID
        self.failed = failed
        self.planned = planned
        self.firstError = firstError
    }

    public var description: String {
        let points = planned == 1 ? "point" : "points"
        let failed = "\(failed) of \(planned) \(points) of run \(runID) failed after retries"
        let reason = firstError.map { " (first: \($0))" } ?? ""
        return "\(failed)\(reason); `athanor resume \(runID) --failed` sends them again"
    }
}

extension Interpreter.CellReport {
    mutating func record(_ finished: FinishedRun) {
        runIDs.append(finished.run.id)
        guard finished.counts.failed > 0 else { return }
        runsWithFailures.append(
            FailedPoints(
                runID: finished.run.id, failed: finished.counts.failed, planned: finished.counts.planned,
                firstError: finished.firstError))
    }
}
