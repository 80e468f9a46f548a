import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Testing

/// What a user reads when a transfer fails, end to end against the simulator: each way of
/// failing has its own sentence, and only the size limit is not retried.
@Suite(.serialized) struct OpenRouterClientFailureTests {
    private func client(_ base: String, idle: Duration = .seconds(60), limit: Int = 16 << 20) -> OpenRouterClient {
        OpenRouterClient(
            configuration: OpenRouterConfiguration(
                baseURL: base, apiKey: APIKey("sk-test"), requestTimeout: .seconds(30), idleTimeout: idle,
                maximumResponseBytes: limit))
    }

    private func request(stream: Bool) -> CompletionRequest {
        var request = CompletionRequest(
            model: "openai/gpt-4o-mini", messages: [ChatMessage(role: .user, content: "Hello")],
            parameters: ModelParameters(temperature: 0, maxTokens: 8, topLogprobs: 3))
        request.stream = stream
        return request
    }

    private func error(_ client: OpenRouterClient, stream: Bool) async -> ProviderError? {
        do {
            _ = try await client.complete(request(stream: stream))
            return nil
        } catch {
            return error as? ProviderError
        }
    }

    @Test(arguments: [false, true])
    func aFloodIsThePointsErrorAndIsNotRetried(stream: Bool) async throws {
        for fault in ["gzip-bomb", "endless-stream", "huge-answer"] {
            let sim = try SimulatorProcess.start(["--fault-rate", "\(fault)=1"])
            defer { sim.stop() }
            let failure = await error(client(sim.baseURL.absoluteString, limit: 2 << 20), stream: stream)
            #expect(failure?.code == .responseTooLarge, "\(fault): \(String(describing: failure))")
            #expect(failure?.message == "the response exceeded 2 MB (ATHANOR_MAX_RESPONSE_MB)")
            #expect(failure?.isRetryable == false)
        }
    }

    @Test(arguments: [false, true])
    func aStallIsNoDataForTheIdleTime(stream: Bool) async throws {
        let sim = try SimulatorProcess.start(["--fault-rate", "stall=1"])
        defer { sim.stop() }
        let failure = await error(client(sim.baseURL.absoluteString, idle: .seconds(1)), stream: stream)
        #expect(failure?.code == .timeout)
        #expect(failure?.message == "OpenRouter sent no data for 1 s (ATHANOR_IDLE_TIMEOUT)")
        #expect(failure?.isRetryable == true)
    }

    @Test func aCutBodyAndAResetEachSayWhatHappened() async throws {
        let truncating = try SimulatorProcess.start(["--fault-rate", "truncate=1"])
        defer { truncating.stop() }
        let cut = await error(client(truncating.baseURL.absoluteString), stream: false)
        #expect(cut?.message == "OpenRouter's response was cut short: the connection closed before its end")
        #expect(cut?.isRetryable == true)

        let resetting = try SimulatorProcess.start(["--fault-rate", "reset=1"])
        defer { resetting.stop() }
        let base = resetting.baseURL.absoluteString
        let reset = await error(client(base), stream: true)
        #expect(reset?.message == "The connection to OpenRouter at \(base) was reset before the response was complete")
        #expect(reset?.isRetryable == true)
    }

    @Test func aHostThatDoesNotResolveAndARefusedPortAreNamed() async throws {
        let dns = await error(client("http://nonexistent.invalid/api/v1"), stream: false)
        #expect(
            dns?.message
                == "Could not find the host of OpenRouter at http://nonexistent.invalid/api/v1: the DNS lookup failed")
        #expect(dns?.isRetryable == true)

        let port = try CurlHostileServerTests.closedPort()
        let refused = await error(client("http://127.0.0.1:\(port)/api/v1"), stream: false)
        #expect(refused?.message == "Could not connect to OpenRouter at http://127.0.0.1:\(port)/api/v1")
        #expect(refused?.detail?.contains("refused") == true, "\(String(describing: refused?.detail))")
    }
}
