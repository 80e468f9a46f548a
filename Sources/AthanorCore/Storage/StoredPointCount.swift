/// How many of a run's points are stored, how many of those failed, and the tokens and cost of
/// their answers, up to a result row: what `athanor watch` keeps adding to as new rows are stored.
public struct StoredPointCount: Sendable, Hashable {
    public var points: Int
    public var failures: Int
    /// Prompt and completion tokens of every turn answered.
    public var tokens: Int
    public var cost: Double
    /// The newest result row counted (0 before any); the next count starts after it.
    public var lastResultID: Int64

    public init(points: Int = 0, failures: Int = 0, tokens: Int = 0, cost: Double = 0, lastResultID: Int64 = 0) {
        self.points = points
        self.failures = failures
        self.tokens = tokens
        self.cost = cost
        self.lastResultID = lastResultID
    }

    /// This count followed by `later`, a count of the rows after it.
    public func adding(_ later: StoredPointCount) -> StoredPointCount {
        StoredPointCount(
            points: points + later.points, failures: failures + later.failures, tokens: tokens + later.tokens,
            cost: cost + later.cost, lastResultID: max(lastResultID, later.lastResultID))
    }
}
