import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Synchronization
import Testing

/// `OpenRouterClient.stream` end to end against the simulator: SSE over libcurl, decoded and
/// accumulated into the same `Completion` a whole response gives, with pieces on the way.
@Suite(.serialized) struct OpenRouterClientStreamingTests {
    private func client(_ sim: SimulatorProcess) -> OpenRouterClient {
        OpenRouterClient(
            configuration: OpenRouterConfiguration(
                baseURL: sim.baseURL.absoluteString, apiKey: APIKey("sk-test"), requestTimeout: .seconds(10)))
    }

    private let request = CompletionRequest(
        model: "openai/gpt-4o-mini", messages: [ChatMessage(role: .user, content: "Tell me about rivers.")],
        parameters: ModelParameters(temperature: 0, maxTokens: 12, topLogprobs: 3))

    /// Every piece with the time it arrived.
    private final class Pieces: Sendable {
        private let received = Mutex<[(delta: CompletionDelta, at: ContinuousClock.Instant)]>([])
        func append(_ delta: CompletionDelta) { received.withLock { $0.append((delta, .now)) } }
        var deltas: [CompletionDelta] { received.withLock { $0.map(\.delta) } }
        var times: [ContinuousClock.Instant] { received.withLock { $0.map(\.at) } }
    }

    @Test func piecesArriveBeforeTheEndAndAddUpToTheWholeAnswer() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "1300"])
        defer { sim.stop() }
        let pieces = Pieces()
        let streamed = try await client(sim).stream(request, onDelta: pieces.append)
        let finished = ContinuousClock.now
        let whole = try await client(sim).complete(request)

        #expect(streamed.text == whole.text)
        #expect(streamed.tokens == whole.tokens)
        #expect(streamed.finishReason == whole.finishReason)
        #expect(streamed.usage?.completionTokens == whole.usage?.completionTokens)
        #expect(streamed.provider == "Simulator")
        #expect(pieces.deltas.map(\.text).joined() == whole.text)
        #expect(pieces.deltas.flatMap(\.tokens) == whole.tokens)
        #expect(pieces.deltas.count == whole.tokens?.count, "the simulator sends one token per chunk")
        #expect(pieces.deltas.first?.model == "openai/gpt-4o-mini")
        let first = try #require(pieces.times.first)
        #expect(finished - first > .milliseconds(500), "the first piece came long before the answer was complete")
    }

    @Test func aMidStreamErrorWithStatus200IsARetryableProviderError() async throws {
        let sim = try SimulatorProcess.start(["--fault-rate", "midstream-error=1"])
        defer { sim.stop() }
        let pieces = Pieces()
        await #expect {
            _ = try await client(sim).stream(request, onDelta: pieces.append)
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .errorInResponse && error.status == 502 && error.isRetryable
                && error.message.contains("Provider disconnected unexpectedly")
        }
        #expect(pieces.deltas.count == 3, "the tokens before the error were handed on")
    }

    @Test func anErrorBeforeTheFirstTokenIsDecodedAsAnHTTPError() async throws {
        let sim = try SimulatorProcess.start(["--fault-rate", "429=1"])
        defer { sim.stop() }
        let pieces = Pieces()
        await #expect {
            _ = try await client(sim).stream(request, onDelta: pieces.append)
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .rateLimited && error.retryAfter == 1
        }
        #expect(pieces.deltas.isEmpty)
    }

    @Test func aStreamCutShortIsARetryableConnectionFailure() async throws {
        let sim = try SimulatorProcess.start(["--fault-rate", "truncate=1"])
        defer { sim.stop() }
        await #expect {
            _ = try await client(sim).stream(request, onDelta: { _ in })
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .connectionFailed && error.isRetryable
        }
    }

    @Test func cancellingMidStreamStopsAtOnceAndClosesTheConnection() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "6000"])
        defer { sim.stop() }
        let pieces = Pieces()
        let client = client(sim)
        let request = request
        let task = Task { try await client.stream(request, onDelta: pieces.append) }
        while pieces.deltas.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(1))
        var idle = false
        for _ in 0..<60 where !idle {
            idle = try await sim.stats().inFlight == 0
            if !idle { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(idle, "the simulator saw the connection close long before its 6 s stream ended")
    }

    @Test func completeWithStreamTrueStreamsToo() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        var streaming = request
        streaming.stream = true
        let streamed = try await client(sim).complete(streaming)
        let whole = try await client(sim).complete(request)
        #expect(streamed.tokens == whole.tokens)
        #expect(streamed.usage == whole.usage)
    }
}
