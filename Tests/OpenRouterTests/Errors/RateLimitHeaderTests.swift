import Testing

@testable import OpenRouter

/// 429s say when to come back in `Retry-After`, or on OpenRouter's own platform limits in
/// `X-RateLimit-Remaining/Reset` (SPEC §4).
@Suite struct RateLimitHeaderTests {
    @Test func retryAfterWins() {
        let headers = ["retry-after": "7", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000100000"]
        #expect(ResponseErrorMapper.retryAfterHeader(headers, now: 1_700_000_000) == 7)
    }

    @Test func anExhaustedPlatformLimitWaitsUntilItsResetInMilliseconds() {
        let headers = ["x-ratelimit-limit": "20", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000012500"]
        #expect(ResponseErrorMapper.retryAfterHeader(headers, now: 1_700_000_000) == 12.5)
    }

    @Test func aResetInSecondsAndOneInThePast() {
        let inSeconds = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000004"]
        #expect(ResponseErrorMapper.retryAfterHeader(inSeconds, now: 1_700_000_000) == 4)
        let past = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1600000000000"]
        #expect(ResponseErrorMapper.retryAfterHeader(past, now: 1_700_000_000) == 0)
    }

    @Test func aRetryAfterThatIsNoFiniteNumberIsIgnored() {
        for value in ["inf", "Infinity", "nan", "1e999", "-1"] {
            #expect(ResponseErrorMapper.retryAfterHeader(["retry-after": value], now: 0) == nil, "\(value)")
        }
        let reset = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "inf"]
        #expect(ResponseErrorMapper.retryAfterHeader(reset, now: 0) == nil)
    }

    @Test func remainingRequestsMeanNoWait() {
        let headers = ["x-ratelimit-remaining": "3", "x-ratelimit-reset": "1700000012500"]
        #expect(ResponseErrorMapper.retryAfterHeader(headers, now: 1_700_000_000) == nil)
    }
}
