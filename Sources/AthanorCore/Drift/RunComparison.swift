/// Two runs compared point by point, paired by point key (a hash of the full coordinates, so long
/// values that differ only at their end are different points): what `compare(a, b)` returns and
/// `replay --diff` prints.
///
/// Drift is the share of points whose answer changed; a point only one run has counts as changed.
/// Two runs that share no point are not comparable, and `shared == 0` says so.
public struct RunComparison: Sendable, Hashable {
    public var oldRunID: Int64
    public var newRunID: Int64
    /// Every point key of either run, in the old run's order, then keys only the new run has.
    public var points: [PointComparison]

    public init(old: RunValue, new: RunValue) {
        oldRunID = old.id
        newRunID = new.id
        let oldByKey = Dictionary(old.results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(new.results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var keys = old.results.map(\.key)
        keys += new.results.map(\.key).filter { oldByKey[$0] == nil }
        var seen: Set<String> = []
        points = keys.filter { seen.insert($0).inserted }.map {
            PointComparison(key: $0, old: oldByKey[$0], new: newByKey[$0])
        }
    }

    public var changed: [PointComparison] { points.filter(\.changed) }
    /// Points both runs have.
    public var shared: Int { points.count(where: \.isShared) }
    public var drift: TokenDrift { points.reduce(TokenDrift()) { $0 + $1.drift } }

    /// Share of points whose answer changed, 0…1; 0 for two empty runs.
    public var changedShare: Double { points.isEmpty ? 0 : Double(changed.count) / Double(points.count) }

    /// Whether the drift is more than `tolerance` allows (the largest accepted share of changed
    /// points; 0 means any change is too much).
    public func exceeds(tolerance: Double) -> Bool { changedShare > tolerance }

    /// The comparison as a record the language can `show`, `assert` on and index.
    public var value: Value {
        let drift = drift
        func number(_ x: Double?) -> Value { x.map(Value.number) ?? .null }
        return .record(
            Record([
                .init("old_run", .number(Double(oldRunID))), .init("new_run", .number(Double(newRunID))),
                .init("points", .number(Double(points.count))),
                .init("shared", .number(Double(shared))),
                .init("changed", .number(Double(changed.count))),
                .init("same_output", .number(1 - changedShare)),
                .init("top1_agreement", number(drift.topOneAgreement)),
                .init("mean_abs_dlogprob", number(drift.meanAbsoluteLogprobDelta)),
                .init("kl", number(drift.meanDivergence)),
                .init(
                    "changes",
                    .list(
                        changed.map { point in
                            .record(
                                Record([
                                    .init("key", .string(point.key)),
                                    .init("label", .string(point.label)),
                                    .init("old", point.oldOutput.map(Value.string) ?? .null),
                                    .init("new", point.newOutput.map(Value.string) ?? .null),
                                ]))
                        })),
            ]))
    }
}
