/// How many requests may be in flight now: the sweep's `concurrency`, lowered when the provider
/// says 429 and raised again as requests succeed. Pure (time is a parameter), so tested directly.
///
/// Multiplicative decrease, additive increase, as TCP does: a 429 halves the limit, but at most
/// once per `cooldown` seconds, because the requests already in flight when the first 429 came
/// back will report theirs too and one burst must not collapse the limit to 1. Each run of
/// `limit / 4` successes (at least one) raises it by one, back up to `maximum`.
public struct ConcurrencyLimiter: Sendable, Hashable {
    public let maximum: Int
    public private(set) var limit: Int
    public var cooldown: Double
    private var lastDecrease = -Double.infinity
    private var successes = 0

    public init(maximum: Int, cooldown: Double = 1) {
        self.maximum = max(1, maximum)
        self.limit = max(1, maximum)
        self.cooldown = cooldown
    }

    /// A request was rate limited (429) at `now` seconds.
    public mutating func rateLimited(now: Double) {
        successes = 0
        guard now - lastDecrease >= cooldown else { return }
        lastDecrease = now
        limit = max(1, limit / 2)
    }

    /// A request succeeded.
    public mutating func succeeded() {
        guard limit < maximum else { return }
        successes += 1
        if successes >= max(1, limit / 4) {
            limit += 1
            successes = 0
        }
    }
}
