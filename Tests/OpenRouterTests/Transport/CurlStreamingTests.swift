import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Synchronization
import Testing

/// The transport's streaming path against the real simulator over loopback: pieces arrive as
/// the server sends them, and stopping early closes the connection.
@Suite(.serialized) struct CurlStreamingTests {
    let transport = CurlMultiTransport.shared

    /// A streamed chat request to `sim`; `latency` is spread by the simulator over the tokens.
    private func chatRequest(_ sim: SimulatorProcess, maxTokens: Int = 16, fault: String? = nil) -> HTTPRequest {
        let body: JSONValue = [
            "model": "openai/gpt-4o-mini", "stream": true, "max_tokens": .number(Double(maxTokens)),
            "logprobs": true, "top_logprobs": 2,
            "messages": [["role": "user", "content": "Tell me about streams."]],
        ]
        var headers = [(name: "Content-Type", value: "application/json")]
        if let fault { headers.append(("X-Sim-Fault", fault)) }
        return HTTPRequest(
            method: "POST", url: sim.baseURL.absoluteString + "/chat/completions", headers: headers,
            bearerToken: APIKey("sk-test"), body: Array(body.serialized().utf8), timeout: .seconds(10))
    }

    /// Waits until the simulator has no request in flight (it notices a closed connection at its next write).
    private func waitUntilIdle(_ sim: SimulatorProcess, within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await sim.stats().inFlight == 0 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func piecesArriveAsTheServerSendsThem() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "1200"])
        defer { sim.stop() }
        let start = ContinuousClock.now
        let response = try await transport.stream(chatRequest(sim, maxTokens: 5))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/event-stream")
        var arrivals: [Duration] = []
        var text = ""
        for try await piece in response.body {
            arrivals.append(ContinuousClock.now - start)
            text += String(decoding: piece, as: UTF8.self)
        }
        #expect(text.hasPrefix(": OPENROUTER PROCESSING"))
        #expect(text.hasSuffix("data: [DONE]\n\n"))
        #expect(arrivals.count >= 4, "the keep-alive, the tokens and the end came in separate pieces")
        let first = try #require(arrivals.first)
        let last = try #require(arrivals.last)
        #expect(last - first > .milliseconds(500), "the first piece was not held back until the end: \(arrivals)")
    }

    @Test func anErrorStatusComesWithItsWholeBody() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let response = try await transport.stream(chatRequest(sim, fault: "429"))
        #expect(response.status == 429)
        let body = try JSONValue.parse(try await response.collectBody())
        #expect(body["error"]?["code"] == 429)
    }

    @Test func aStreamCutShortEndsTheBodyWithATruncation() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let response = try await transport.stream(chatRequest(sim, fault: "truncate"))
        #expect(response.status == 200)
        var received = 0
        await #expect {
            for try await piece in response.body { received += piece.count }
        } throws: { error in
            (error as? HTTPTransportError)?.kind == .truncated
        }
        #expect(received > 0, "the pieces before the cut were delivered")
    }

    @Test func leavingTheBodyEarlyClosesTheConnection() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "6000"])
        defer { sim.stop() }
        let response = try await transport.stream(chatRequest(sim))
        for try await piece in response.body where String(decoding: piece, as: UTF8.self).contains("data:") {
            break
        }
        #expect(try await waitUntilIdle(sim, within: .seconds(3)), "the 6 s stream was abandoned, not read to its end")
    }

    @Test func cancellingWhileReadingAbortsTheTransferAtOnce() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "6000"])
        defer { sim.stop() }
        let firstPiece = Mutex(false)
        let request = chatRequest(sim)
        let task = Task { [transport] in
            let response = try await transport.stream(request)
            var bytes = 0
            for try await piece in response.body {
                bytes += piece.count
                firstPiece.withLock { $0 = true }
            }
            return bytes
        }
        while !firstPiece.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        let cancelledAt = ContinuousClock.now
        task.cancel()
        _ = try? await task.value
        #expect(ContinuousClock.now - cancelledAt < .seconds(1), "the reader stopped at once")
        #expect(
            try await waitUntilIdle(sim, within: .seconds(3)),
            "the connection was closed long before the 6 s stream ended")
    }

    @Test func cancellingBeforeTheHeadArrivesThrowsCancellation() async throws {
        let sim = try SimulatorProcess.start(["--slow-ms", "5000"])
        defer { sim.stop() }
        let request = chatRequest(sim, fault: "slow")
        let task = Task { [transport] in try await transport.stream(request) }
        try await Task.sleep(for: .milliseconds(200))
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(1))
    }
}
