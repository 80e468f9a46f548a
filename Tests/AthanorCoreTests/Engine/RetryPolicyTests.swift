import Testing

@testable import AthanorCore

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxDelay: 8, maxTotalDelay: 10, rateLimitWait: 30)

    func error(_ code: ProviderError.Code, status: Int? = nil, retryAfter: Double? = nil) -> ProviderError {
        ProviderError(code: code, status: status, message: "x", retryAfter: retryAfter)
    }

    /// What a request has been through after `failures` failed attempts, each followed by `delay` seconds.
    func attempts(_ failures: Int, of error: ProviderError, delay: Double = 0) -> RetryPolicy.Attempts {
        var attempts = RetryPolicy.Attempts()
        for _ in 0..<failures { attempts.record(error, delay: delay) }
        return attempts
    }

    @Test(arguments: [ProviderError.Code.rateLimited, .timeout, .serverError, .connectionFailed, .malformedResponse])
    func retryableFailuresAreRetried(code: ProviderError.Code) {
        #expect(policy.decide(after: error(code), RetryPolicy.Attempts(), jitter: 0) != .giveUp)
    }

    @Test(arguments: [
        ProviderError.Code.badRequest, .unauthorized, .insufficientCredits, .forbidden, .noEndpoint, .missingAPIKey,
    ])
    func finalFailuresAreNot(code: ProviderError.Code) {
        #expect(policy.decide(after: error(code), RetryPolicy.Attempts(), jitter: 0) == .giveUp)
    }

    @Test func backoffDoublesWithJitterBetweenHalfAndWhole() {
        let failure = error(.serverError)
        #expect(policy.decide(after: failure, attempts(0, of: failure), jitter: 0) == .retry(after: 0.25))
        #expect(
            policy.decide(after: failure, attempts(1, of: failure), jitter: 0.999_999_999)
                == .retry(after: 0.999_999_999_5))
        #expect(policy.decide(after: failure, attempts(2, of: failure), jitter: 0) == .retry(after: 1))
    }

    @Test func retryAfterIsHonouredButBounded() {
        #expect(policy.decide(after: error(.rateLimited, retryAfter: 3), .init(), jitter: 0.5) == .retry(after: 3))
        #expect(policy.decide(after: error(.rateLimited, retryAfter: 100), .init(), jitter: 0.5) == .retry(after: 8))
    }

    @Test func attemptsAndTotalWaitingAreBounded() {
        let failure = error(.serverError)
        #expect(policy.decide(after: failure, attempts(3, of: failure), jitter: 0) == .giveUp)
        #expect(
            policy.decide(after: error(.timeout, retryAfter: 3), attempts(1, of: failure, delay: 8), jitter: 0)
                == .giveUp)
    }

    @Test func rateLimitsUseNoAttemptAndAreWaitedOutUpToTheirOwnBound() {
        let limited = error(.rateLimited, retryAfter: 1)
        // Far more 429s than attempts: still retried while their waiting stays under 30 s.
        #expect(policy.decide(after: limited, attempts(29, of: limited, delay: 1), jitter: 0) == .retry(after: 1))
        #expect(policy.decide(after: limited, attempts(30, of: limited, delay: 1), jitter: 0) == .giveUp)
        // A 429 inside a 200 is a rate limit too.
        let inside = error(.errorInResponse, status: 429)
        #expect(inside.isRateLimit)
        #expect(policy.decide(after: inside, attempts(10, of: limited, delay: 1), jitter: 0) != .giveUp)
    }

    @Test func rateLimitsAndFailuresAreCountedApart() {
        let limited = error(.rateLimited, retryAfter: 1)
        let failure = error(.serverError)
        var mixed = attempts(20, of: limited, delay: 1)
        mixed.record(failure, delay: 0.25)
        #expect(mixed.sent == 22)
        #expect(mixed.failures == 1)
        #expect(mixed.rateLimits == 20)
        // 20 rate limits leave the failure budget whole: a server error is still retried...
        #expect(policy.decide(after: failure, mixed, jitter: 0) == .retry(after: 0.5))
        // ...and three failures end it, however few the rate limits.
        #expect(policy.decide(after: failure, attempts(3, of: failure), jitter: 0) == .giveUp)
    }

    @Test func aBackoffWithoutRetryAfterStaysBoundedAfterManyRateLimits() {
        let limited = error(.rateLimited)
        #expect(policy.decide(after: limited, attempts(25, of: limited, delay: 0), jitter: 0) == .retry(after: 4))
        #expect(policy.decide(after: limited, attempts(1_000, of: limited, delay: 0), jitter: 0) == .retry(after: 4))
    }

    @Test func anErrorInsideA200IsRetriedOnlyForServerSideCodes() {
        #expect(policy.decide(after: error(.errorInResponse, status: 502), .init(), jitter: 0) != .giveUp)
        #expect(policy.decide(after: error(.errorInResponse, status: 400), .init(), jitter: 0) == .giveUp)
    }
}
