/// How many requests may be in flight now: the sweep's `concurrency`, lowered when the provider
/// says 429 and raised again as requests succeed. Pure (time is a parameter), so tested directly.
///
/// Multiplicative decrease, additive increase, as TCP does. A 429 halves the limit, unless its
/// request was sent before the last decrease: the requests already in flight when the first 429
/// came back will report theirs too, and one burst must not collapse the limit to 1, while a 429
/// for a request sent under the lowered limit says it is still too high. Each run of `limit`
/// successes (one window's worth) raises it by one, back up to `maximum`. Against a provider that
/// takes 4 at once, a sweep asking for 32 settles around 4.
public struct ConcurrencyLimiter: Sendable, Hashable {
    public let maximum: Int
    public private(set) var limit: Int
    private var lastDecrease = -Double.infinity
    private var successes = 0

    public init(maximum: Int) {
        self.maximum = max(1, maximum)
        self.limit = max(1, maximum)
    }

    /// A request sent at `sentAt` was rate limited (429) at `now` (seconds on one clock).
    public mutating func rateLimited(sentAt: Double, now: Double) {
        successes = 0
        guard sentAt >= lastDecrease else { return }
        lastDecrease = now
        limit = max(1, limit / 2)
    }

    /// A request succeeded.
    public mutating func succeeded() {
        guard limit < maximum else { return }
        successes += 1
        if successes >= limit {
            limit += 1
            successes = 0
        }
    }
}
