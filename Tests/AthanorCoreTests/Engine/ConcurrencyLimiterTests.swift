import Testing

@testable import AthanorCore

@Suite struct ConcurrencyLimiterTests {
    @Test func startsAtTheSweepsConcurrency() {
        #expect(ConcurrencyLimiter(maximum: 50).limit == 50)
        #expect(ConcurrencyLimiter(maximum: 0).limit == 1)
    }

    @Test func aBurstOf429sHalvesTheLimitOnce() {
        var limiter = ConcurrencyLimiter(maximum: 40, cooldown: 1)
        for i in 0..<20 { limiter.rateLimited(now: 10 + Double(i) * 0.01) }
        #expect(limiter.limit == 20)
    }

    @Test func repeated429sKeepLoweringItButNeverBelowOne() {
        var limiter = ConcurrencyLimiter(maximum: 40, cooldown: 1)
        for second in 0..<10 { limiter.rateLimited(now: Double(second)) }
        #expect(limiter.limit == 1)
    }

    @Test func successesRaiseItBackToTheMaximumAndNoFurther() {
        var limiter = ConcurrencyLimiter(maximum: 16, cooldown: 1)
        limiter.rateLimited(now: 0)
        limiter.rateLimited(now: 2)
        #expect(limiter.limit == 4)
        limiter.succeeded()
        #expect(limiter.limit == 5)
        for _ in 0..<200 { limiter.succeeded() }
        #expect(limiter.limit == 16)
    }

    @Test func a429ResetsTheRunOfSuccesses() {
        var limiter = ConcurrencyLimiter(maximum: 64, cooldown: 1)
        limiter.rateLimited(now: 0)
        #expect(limiter.limit == 32)
        for _ in 0..<7 { limiter.succeeded() }
        limiter.rateLimited(now: 0.5)  // within the cooldown: no decrease, but the run restarts
        for _ in 0..<7 { limiter.succeeded() }
        #expect(limiter.limit == 32)
        limiter.succeeded()
        #expect(limiter.limit == 33)
    }
}
