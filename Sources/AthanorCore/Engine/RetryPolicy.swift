import Foundation

/// When to send a failed request again: pure, so it is tested without a network.
///
/// Retryable failures (429, 408, 5xx, broken connections and bodies) wait `Retry-After` when the
/// provider said so, else an exponential backoff with full jitter; attempts and total waiting are
/// bounded. Other failures (400, 401, 402, 403, 404) are final at once.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// The longest a single point may spend waiting between attempts, in seconds.
    public var maxTotalDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 20, maxTotalDelay: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Double)
        case giveUp
    }

    /// - Parameters:
    ///   - attempt: the 1-based attempt that just failed.
    ///   - waited: seconds already spent waiting between attempts for this point.
    ///   - jitter: a number in 0..<1 (random in production, fixed in tests).
    public func decide(after error: ProviderError, attempt: Int, waited: Double, jitter: Double) -> Decision {
        guard error.isRetryable, attempt < maxAttempts else { return .giveUp }
        let backoff = min(maxDelay, baseDelay * pow(2, Double(attempt - 1))) * (0.5 + jitter / 2)
        let delay = error.retryAfter.map { min(max($0, 0), maxDelay) } ?? backoff
        guard waited + delay <= maxTotalDelay else { return .giveUp }
        return .retry(after: delay)
    }
}
