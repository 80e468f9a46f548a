import Foundation

/// When to send a failed request again: pure, so it is tested without a network.
///
/// Retryable failures (408, 5xx, broken connections and bodies) wait `Retry-After` when the
/// provider said so, else an exponential backoff with full jitter; their attempts and total
/// waiting are bounded. Other failures (400, 401, 402, 403, 404) are final at once.
///
/// A rate limit (429) is not a failure of the request but the provider asking for fewer at once:
/// the run's in-flight limit is lowered (`ConcurrencyLimiter`) and the request waits and goes
/// again, without using up an attempt, for as long as `rateLimitWait` allows. A sweep sent faster
/// than the provider accepts thus ends answered, only slower.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts of one request, counting those that failed for reasons other than a rate limit.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// The longest one request may spend waiting between attempts that failed, in seconds.
    public var maxTotalDelay: Double
    /// The longest one request may spend waiting out rate limits, in seconds.
    public var rateLimitWait: Double

    public static let defaultRateLimitWait = 900.0

    public init(
        maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 20, maxTotalDelay: Double = 60,
        rateLimitWait: Double = RetryPolicy.defaultRateLimitWait
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
        self.rateLimitWait = rateLimitWait
    }

    /// The default policy, with `ATHANOR_RATE_LIMIT_WAIT` (seconds) from the environment.
    public init(environment: [String: String]) {
        self.init(rateLimitWait: EnvironmentNumber.rateLimitWait.value(in: environment))
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Double)
        case giveUp
    }

    /// What one request has been through so far; `record` it after each failed attempt.
    public struct Attempts: Sendable, Hashable {
        /// Requests sent, rate-limited ones included.
        public private(set) var sent = 1
        /// Attempts that failed for a reason other than a rate limit, and the time waited after them.
        public private(set) var failures = 0
        public private(set) var failureWait = 0.0
        /// Attempts the provider rate-limited, and the time waited after them.
        public private(set) var rateLimits = 0
        public private(set) var rateLimitWait = 0.0

        public init() {}

        /// The attempt that just failed with `error` is followed by a wait of `delay` seconds and another attempt.
        public mutating func record(_ error: ProviderError, delay: Double) {
            if error.isRateLimit {
                rateLimits += 1
                rateLimitWait += delay
            } else {
                failures += 1
                failureWait += delay
            }
            sent += 1
        }
    }

    /// - Parameters:
    ///   - error: why the latest attempt failed (not yet recorded in `attempts`).
    ///   - jitter: a number in 0..<1 (random in production, fixed in tests).
    public func decide(after error: ProviderError, _ attempts: Attempts, jitter: Double) -> Decision {
        guard error.isRetryable else { return .giveUp }
        if error.isRateLimit {
            let delay = delay(after: error, retry: attempts.rateLimits + 1, jitter: jitter)
            guard attempts.rateLimitWait + delay <= rateLimitWait else { return .giveUp }
            return .retry(after: delay)
        }
        guard attempts.failures + 1 < maxAttempts else { return .giveUp }
        let delay = delay(after: error, retry: attempts.failures + 1, jitter: jitter)
        guard attempts.failureWait + delay <= maxTotalDelay else { return .giveUp }
        return .retry(after: delay)
    }

    /// `Retry-After` when the provider gave one, else a backoff that doubles with each `retry` (1-based).
    private func delay(after error: ProviderError, retry: Int, jitter: Double) -> Double {
        if let retryAfter = error.retryAfter { return min(max(retryAfter, 0), maxDelay) }
        return min(maxDelay, baseDelay * pow(2, Double(min(retry, 64) - 1))) * (0.5 + jitter / 2)
    }
}

extension ProviderError {
    /// A 429, whether as the status or inside a 200's error object: what lowers the in-flight limit
    /// and is waited out rather than counted as a failed attempt.
    public var isRateLimit: Bool { code == .rateLimited || (code == .errorInResponse && status == 429) }
}
