/// One point of two runs side by side: did the answer change, and how far its tokens drifted.
public struct PointComparison: Sendable, Hashable {
    /// The point key both runs share (or the one that has it, when only one does).
    public var key: String
    /// The point's coordinates for people (`PointIdentity.label`).
    public var label: String
    /// The old and new answers; nil when that run has no such point. A failed point's answer is
    /// its error, so a point that started failing counts as changed.
    public var oldOutput: String?
    public var newOutput: String?
    public var drift: TokenDrift

    public init(key: String, old: ResultValue?, new: ResultValue?) {
        self.key = key
        label = old?.label ?? new?.label ?? key
        oldOutput = old.map(Self.answer)
        newOutput = new.map(Self.answer)
        drift = TokenDrift(old: old?.completion?.tokens ?? [], new: new?.completion?.tokens ?? [])
    }

    public var changed: Bool { oldOutput != newOutput }
    /// Present in both runs.
    public var isShared: Bool { oldOutput != nil && newOutput != nil }

    private static func answer(_ result: ResultValue) -> String {
        result.error.map { "error: \($0)" } ?? result.output
    }
}
