import AthanorCore

/// `replay --diff`: each replayed run compared with its original, as a compare table and the
/// points whose answer changed (old and new), and whether the drift exceeds the tolerance.
///
/// The tolerance is the largest accepted share of changed points over every compared run
/// (0, the default, means any changed answer fails).
struct DriftReport: Sendable {
    var comparisons: [(cell: Int, comparison: RunComparison)]

    static func load(_ pairs: [(cell: Int, old: Int64, new: Int64)], from store: any RunStore) async throws
        -> DriftReport
    {
        var comparisons: [(cell: Int, comparison: RunComparison)] = []
        for pair in pairs {
            let (_, old) = try await StoredRuns.load(pair.old, from: store)
            let (_, new) = try await StoredRuns.load(pair.new, from: store)
            comparisons.append((pair.cell, RunComparison(old: old, new: new)))
        }
        return DriftReport(comparisons: comparisons)
    }

    var points: Int { comparisons.reduce(0) { $0 + $1.comparison.points.count } }
    var changed: Int { comparisons.reduce(0) { $0 + $1.comparison.changed.count } }
    var changedShare: Double { points == 0 ? 0 : Double(changed) / Double(points) }

    func exceeds(tolerance: Double) -> Bool { changedShare > tolerance }

    func emit(to output: any CellOutput) {
        func number(_ x: Double?) -> TableCell { .value(x.map { .number(($0 * 10000).rounded() / 10000) } ?? .null) }
        output.emit(
            .table(
                ResultTable(
                    title: "compare",
                    columns: [
                        "cell", "old run", "new run", "points", "changed", "same output", "top-1", "mean |Δlogprob|",
                        "KL",
                    ],
                    rows: comparisons.map { cell, c in
                        let drift = c.drift
                        return [
                            .value(.number(Double(cell))), .value(.number(Double(c.oldRunID))),
                            .value(.number(Double(c.newRunID))),
                            .value(.number(Double(c.points.count))), .value(.number(Double(c.changed.count))),
                            number(1 - c.changedShare), number(drift.topOneAgreement),
                            number(drift.meanAbsoluteLogprobDelta),
                            number(drift.meanDivergence),
                        ]
                    })))
        for (_, c) in comparisons where c.shared == 0 && !c.points.isEmpty {
            output.emit(
                .warning(
                    "runs \(c.oldRunID) and \(c.newRunID) share no point (no two points have the same coordinates); "
                        + "every point counts as changed"))
        }
        let changes = comparisons.flatMap { _, c in c.changed.map { (c, $0) } }
        if changes.isEmpty {
            output.emit(.text("no answer changed (\(points) points compared)"))
            return
        }
        output.emit(
            .table(
                ResultTable(
                    title: "changed points",
                    columns: ["old run", "new run", "point", "old", "new"],
                    rows: changes.map { c, point in
                        [
                            .value(.number(Double(c.oldRunID))), .value(.number(Double(c.newRunID))),
                            .value(.string(point.label)),
                            .value(point.oldOutput.map(Value.string) ?? .null),
                            .value(point.newOutput.map(Value.string) ?? .null),
                        ]
                    })))
        output.emit(.text("\(changed) of \(points) points changed"))
    }
}
