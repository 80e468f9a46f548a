import AthanorCore

/// A run's plan in `run_points`, and how a run ends: from its rows, never from what a process
/// counted.
extension PostgresRunStore {
    /// One `COPY` for the whole plan (100,000 points: 0.5–0.9 s on the project's machine). Each
    /// point is computed here, as it is sent, so the plan is never held in memory whole.
    /// The points and what they share (`PlanHeads`, in `experiment_runs.plan`) are one transaction.
    public func storePlan(runID: Int64, points: PlanPoints) throws {
        let run = String(runID)
        var writer = StoredPointWriter()
        try connection.transaction { () throws(DatabaseError) in
            try connection.copy("COPY run_points (run_id, point_index, key, label, coordinates, request) FROM STDIN") {
                (send: ([String?]) throws(DatabaseError) -> Void) throws(DatabaseError) in
                for point in points {
                    // A cancelled cell's plan is not stored in part: the transaction is rolled back.
                    if point.index & 1023 == 0, Task.isCancelled {
                        throw DatabaseError(code: .cancelled, message: "storing the plan was cancelled")
                    }
                    let stored = writer.row(for: point)
                    try send([run, String(stored.index), stored.key, stored.label, stored.coordinates, stored.request])
                }
            }
            try connection.execute(
                "UPDATE experiment_runs SET plan = \(writer.heads.jsonValue)::jsonb WHERE id = \(runID)")
        }
    }

    public func planHeads(runID: Int64) throws -> PlanHeads? {
        guard let row = try rows("SELECT plan FROM experiment_runs WHERE id = \(runID)").first,
            row.optionalString(0) != nil
        else { return nil }
        return PlanHeads(json: try row.json(0))
    }

    public func openPoints(runID: Int64, after: Int, limit: Int, includeFailed: Bool) throws -> [StoredPoint] {
        let states = includeFailed ? "('pending', 'sent', 'cancelled', 'failed')" : "('pending', 'sent', 'cancelled')"
        return try rows(
            """
            SELECT point_index, key, label, coordinates::text, request::text FROM run_points
            WHERE run_id = \(runID) AND point_index > \(after) AND state IN \(unsafe: states)
            ORDER BY point_index LIMIT \(limit)
            """
        ).map { row throws(DatabaseError) in
            StoredPoint(
                index: try row.int(0), key: try row.string(1), label: try row.string(2),
                coordinates: try row.string(3), request: try row.string(4))
        }
    }

    public func pointCounts(runID: Int64) throws -> PointCounts {
        var counts = PointCounts()
        for row in try rows("SELECT state, count(*) FROM run_points WHERE run_id = \(runID) GROUP BY state") {
            let n = try row.int(1)
            counts.planned += n
            switch try row.enumeration(0, as: PointState.self) {
            case .pending: counts.pending = n
            case .sent: counts.sent = n
            case .answered: counts.answered = n
            case .failed: counts.failed = n
            case .cancelled: counts.cancelled = n
            }
        }
        return counts
    }

    /// The run's totals summed from its stored rows (as `run(id:)` reads them).
    public func totals(runID: Int64) throws -> RunTotals {
        try run(id: runID)?.totals ?? RunTotals()
    }

    public func concludeRun(id: Int64, cancelled: Bool, error: String?, wallMilliseconds: Double) throws
        -> RunConclusion
    {
        try retakeLocksAfterReconnect()
        if ownership.lost.contains(id) { throw RunStoreError.ownershipLost(runID: id) }
        if cancelled {
            try connection.execute(
                """
                UPDATE run_points SET state = 'cancelled', updated_at = now()
                WHERE run_id = \(id) AND state IN ('pending', 'sent')
                """)
        }
        let counts = try pointCounts(runID: id)
        var totals = try totals(runID: id)
        totals.wallMilliseconds = wallMilliseconds
        let status = RunConclusion.status(of: counts, cancelled: cancelled)
        let reason: String? =
            switch status {
            case .completed: nil
            case .cancelled: "cancelled"
            default:
                counts.open > 0
                    ? "\(counts.open) of \(counts.planned) points have neither an answer nor an error"
                    : error ?? "no point was answered"
            }
        try finishRun(id: id, status: status, error: reason, metadata: ["totals": totals.jsonValue])
        try releaseRun(id: id)
        return RunConclusion(status: status, counts: counts, totals: totals)
    }
}
