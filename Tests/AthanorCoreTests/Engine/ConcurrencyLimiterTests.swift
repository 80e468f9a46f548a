import Testing

@testable import AthanorCore

@Suite struct ConcurrencyLimiterTests {
    @Test func startsAtTheSweepsConcurrency() {
        #expect(ConcurrencyLimiter(maximum: 50).limit == 50)
        #expect(ConcurrencyLimiter(maximum: 0).limit == 1)
    }

    @Test func aBurstOf429sForRequestsSentTogetherHalvesTheLimitOnce() {
        var limiter = ConcurrencyLimiter(maximum: 40)
        for i in 0..<20 { limiter.rateLimited(sentAt: 10, now: 10.1 + Double(i) * 0.01) }
        #expect(limiter.limit == 20)
    }

    @Test func a429ForARequestSentUnderTheLoweredLimitLowersItAgain() {
        var limiter = ConcurrencyLimiter(maximum: 40)
        limiter.rateLimited(sentAt: 0, now: 1)
        limiter.rateLimited(sentAt: 1.01, now: 1.05)
        #expect(limiter.limit == 10)
    }

    @Test func repeated429sKeepLoweringItButNeverBelowOne() {
        var limiter = ConcurrencyLimiter(maximum: 40)
        for second in 0..<10 { limiter.rateLimited(sentAt: Double(second), now: Double(second) + 0.5) }
        #expect(limiter.limit == 1)
    }

    @Test func successesRaiseItBackToTheMaximumAndNoFurther() {
        var limiter = ConcurrencyLimiter(maximum: 16)
        limiter.rateLimited(sentAt: 0, now: 1)
        limiter.rateLimited(sentAt: 2, now: 3)
        #expect(limiter.limit == 4)
        for _ in 0..<3 { limiter.succeeded() }
        #expect(limiter.limit == 4, "one window of 4 successes raises it by one, not fewer")
        limiter.succeeded()
        #expect(limiter.limit == 5)
        for _ in 0..<200 { limiter.succeeded() }
        #expect(limiter.limit == 16)
    }

    @Test func a429ResetsTheRunOfSuccesses() {
        var limiter = ConcurrencyLimiter(maximum: 64)
        limiter.rateLimited(sentAt: 0, now: 1)
        #expect(limiter.limit == 32)
        for _ in 0..<31 { limiter.succeeded() }
        limiter.rateLimited(sentAt: 0.5, now: 1.5)  // sent before the decrease: no decrease, but the run restarts
        for _ in 0..<31 { limiter.succeeded() }
        #expect(limiter.limit == 32)
        limiter.succeeded()
        #expect(limiter.limit == 33)
    }
}
