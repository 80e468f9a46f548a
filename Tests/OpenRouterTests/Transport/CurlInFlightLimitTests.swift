import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Synchronization
import Testing

/// Requests that share an `InFlightLimit`, against the real simulator over loopback: the
/// simulator counts what it has in flight, so the limit is checked where it matters.
@Suite(.serialized) struct CurlInFlightLimitTests {
    let transport = CurlMultiTransport.shared

    /// A fixed limit that counts the requests the transport reports started.
    final class Limit: InFlightLimit {
        let limit: Int
        private let started = Mutex(0)
        init(_ limit: Int) { self.limit = limit }
        var requestsStarted: Int { started.withLock { $0 } }
        func requestStarted() { started.withLock { $0 += 1 } }
    }

    private func chatRequest(_ sim: SimulatorProcess, limit: (any InFlightLimit)?) -> HTTPRequest {
        let body: JSONValue = [
            "model": "openai/gpt-4o-mini", "max_tokens": 2, "logprobs": true, "top_logprobs": 1,
            "messages": [["role": "user", "content": "Hello"]],
        ]
        return HTTPRequest(
            method: "POST", url: sim.baseURL.absoluteString + "/chat/completions",
            headers: [("Content-Type", "application/json")], bearerToken: APIKey("sk-test"),
            body: Array(body.serialized().utf8), timeout: .seconds(10), inFlightLimit: limit)
    }

    @Test func requestsSharingALimitAreNeverMoreInFlightThanItAndAllComplete() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "100"])
        defer { sim.stop() }
        let limit = Limit(3)
        let request = chatRequest(sim, limit: limit)
        let started = ContinuousClock.now
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<12 { group.addTask { try await transport.send(request) } }
            return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
        }
        #expect(responses.map(\.status) == Array(repeating: 200, count: 12))
        let stats = try await sim.stats()
        #expect(stats.chatRequests == 12)
        #expect(stats.maxInFlight == 3)
        #expect(limit.requestsStarted == 12)
        // Four rounds of three: the later requests waited, and say how long.
        #expect(ContinuousClock.now - started >= .milliseconds(400))
        #expect(responses.filter { $0.queued >= .milliseconds(250) }.count >= 3)
        #expect(responses.filter { $0.queued < .milliseconds(50) }.count >= 3)
    }

    @Test func aCancelledWaitingRequestLeavesAtOnceAndIsNeverSent() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "600"])
        defer { sim.stop() }
        let limit = Limit(1)
        let request = chatRequest(sim, limit: limit)
        let first = Task { try await transport.send(request) }
        try await Task.sleep(for: .milliseconds(100))
        let waiting = Task { try await transport.send(request) }
        try await Task.sleep(for: .milliseconds(100))
        let cancelledAt = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ContinuousClock.now - cancelledAt < .milliseconds(300), "left before the request ahead of it ended")
        #expect(try await first.value.status == 200)
        #expect(try await sim.stats().chatRequests == 1)
        #expect(limit.requestsStarted == 1, "the cancelled request was never started")
    }

    @Test func aRequestWithoutALimitIsNotHeldBackByAFullOne() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "600"])
        defer { sim.stop() }
        let limit = Limit(1)
        let first = Task { try await transport.send(chatRequest(sim, limit: limit)) }
        let second = Task { try await transport.send(chatRequest(sim, limit: limit)) }
        try await Task.sleep(for: .milliseconds(100))
        let asked = ContinuousClock.now
        let free = try await transport.send(
            HTTPRequest(url: sim.rootURL.absoluteString + "/sim/stats", timeout: .seconds(5)))
        #expect(free.status == 200)
        #expect(free.queued == .zero)
        #expect(ContinuousClock.now - asked < .milliseconds(400), "answered while the limited requests were still out")
        #expect(try await first.value.status == 200)
        #expect(try await second.value.status == 200)
    }
}
