import Testing

@testable import AthanorCore

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxDelay: 8, maxTotalDelay: 10)

    func error(_ code: ProviderError.Code, status: Int? = nil, retryAfter: Double? = nil) -> ProviderError {
        ProviderError(code: code, status: status, message: "x", retryAfter: retryAfter)
    }

    @Test(arguments: [ProviderError.Code.rateLimited, .timeout, .serverError, .connectionFailed, .malformedResponse])
    func retryableFailuresAreRetried(code: ProviderError.Code) {
        #expect(policy.decide(after: error(code), attempt: 1, waited: 0, jitter: 0) != .giveUp)
    }

    @Test(arguments: [
        ProviderError.Code.badRequest, .unauthorized, .insufficientCredits, .forbidden, .noEndpoint, .missingAPIKey,
    ])
    func finalFailuresAreNot(code: ProviderError.Code) {
        #expect(policy.decide(after: error(code), attempt: 1, waited: 0, jitter: 0) == .giveUp)
    }

    @Test func backoffDoublesWithJitterBetweenHalfAndWhole() {
        #expect(policy.decide(after: error(.serverError), attempt: 1, waited: 0, jitter: 0) == .retry(after: 0.25))
        #expect(
            policy.decide(after: error(.serverError), attempt: 2, waited: 0, jitter: 0.999_999_999)
                == .retry(after: 0.999_999_999_5))
        #expect(policy.decide(after: error(.serverError), attempt: 3, waited: 0, jitter: 0) == .retry(after: 1))
    }

    @Test func retryAfterIsHonouredButBounded() {
        #expect(
            policy.decide(after: error(.rateLimited, retryAfter: 3), attempt: 1, waited: 0, jitter: 0.5)
                == .retry(after: 3))
        #expect(
            policy.decide(after: error(.rateLimited, retryAfter: 100), attempt: 1, waited: 0, jitter: 0.5)
                == .retry(after: 8))
    }

    @Test func attemptsAndTotalWaitingAreBounded() {
        #expect(policy.decide(after: error(.serverError), attempt: 4, waited: 0, jitter: 0) == .giveUp)
        #expect(policy.decide(after: error(.rateLimited, retryAfter: 3), attempt: 2, waited: 8, jitter: 0) == .giveUp)
    }

    @Test func anErrorInsideA200IsRetriedOnlyForServerSideCodes() {
        #expect(policy.decide(after: error(.errorInResponse, status: 502), attempt: 1, waited: 0, jitter: 0) != .giveUp)
        #expect(policy.decide(after: error(.errorInResponse, status: 400), attempt: 1, waited: 0, jitter: 0) == .giveUp)
    }
}
