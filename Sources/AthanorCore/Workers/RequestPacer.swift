import Foundation

/// Paces the requests of every process that shares it: a worker's requests wait here before they
/// are sent, so that all the workers sending to one server together stay under a rate, and all of
/// them pause when any one of them is rate-limited (`Executor.pacer`).
public protocol RequestPacer: Sendable {
    /// Returns when one more request may be sent.
    func beforeRequest() async throws
    /// A request was rate-limited: every process sharing the pace waits `retryAfter` seconds.
    func rateLimited(retryAfter: Double) async
}

/// Where the shared pace is kept: a token bucket and a pause per server, in the database.
public protocol RequestBudgetStore: Sendable {
    /// Takes `count` requests from the server's budget at `rate` a second (nil: no rate, only the
    /// pause applies); returns the seconds to wait before sending them (0: at once).
    func takeRequests(endpoint: String, count: Int, rate: Double?) async throws -> Double
    /// Pauses every sender to the server for `seconds` (a later pause already set is kept).
    func pauseRequests(endpoint: String, seconds: Double) async throws
}

/// A `RequestPacer` over a `RequestBudgetStore`, shared by every worker sending to `endpoint`.
///
/// Requests are taken from the shared bucket a tenth of a second's worth at a time (one database
/// round trip per grant, not per request); a grant may come with a wait, and every request of it
/// waits until then, so a burst of workers is spread out rather than let through. Without a rate,
/// only the shared pause is read, at most every `pauseCheckInterval`.
public actor SharedRequestPacer: RequestPacer {
    let budget: any RequestBudgetStore
    let endpoint: String
    /// Requests a second, across every process; nil for no limit but the shared pause.
    let rate: Double?
    static let pauseCheckInterval = 0.25
    /// Seconds of the rate taken from the bucket in one grant.
    static let grantSeconds = 0.1

    private struct Grant {
        var remaining: Int
        var validAt: ContinuousClock.Instant
    }

    private var grants: [Grant] = []
    private var pausedUntil = ContinuousClock.now
    private var pauseCheckedAt: ContinuousClock.Instant?

    public init(budget: any RequestBudgetStore, endpoint: String, rate: Double?) {
        self.budget = budget
        self.endpoint = endpoint
        self.rate = rate
    }

    public func beforeRequest() async throws {
        guard let rate else {
            let now = ContinuousClock.now
            if pauseCheckedAt.map({ now - $0 > .seconds(Self.pauseCheckInterval) }) ?? true {
                pauseCheckedAt = now
                let wait = try await budget.takeRequests(endpoint: endpoint, count: 0, rate: nil)
                pausedUntil = max(pausedUntil, now + .seconds(wait))
            }
            try await ContinuousClock().sleep(until: pausedUntil)
            return
        }
        if grants.isEmpty {
            let count = max(1, Int((rate * Self.grantSeconds).rounded()))
            let asked = ContinuousClock.now
            let wait = try await budget.takeRequests(endpoint: endpoint, count: count, rate: rate)
            grants.append(Grant(remaining: count, validAt: asked + .seconds(wait)))
        }
        let validAt = grants[0].validAt
        grants[0].remaining -= 1
        if grants[0].remaining == 0 { grants.removeFirst() }
        try await ContinuousClock().sleep(until: max(validAt, pausedUntil))
    }

    public func rateLimited(retryAfter: Double) async {
        let seconds = max(0.5, retryAfter)
        pausedUntil = max(pausedUntil, ContinuousClock.now + .seconds(seconds))
        try? await budget.pauseRequests(endpoint: endpoint, seconds: seconds)
    }
}
