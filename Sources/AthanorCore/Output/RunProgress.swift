/// Where a run stands, after each finished point: what the progress line shows.
public struct RunProgress: Sendable, Hashable {
    public var runID: Int64
    public var done: Int
    public var total: Int
    public var failures: Int
    public var tokens: Int
    public var cost: Double

    public init(runID: Int64, done: Int, total: Int, failures: Int, tokens: Int = 0, cost: Double = 0) {
        self.runID = runID
        self.done = done
        self.total = total
        self.failures = failures
        self.tokens = tokens
        self.cost = cost
    }
}
