import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Testing

/// The plain OpenAI dialect against `athanor-sim --strict-openai`, which refuses OpenRouter's
/// `provider` and `usage` and needs no key.
@Suite struct OpenAIDialectTests {
    private func request(stream: Bool) -> CompletionRequest {
        CompletionRequest(
            model: "openai/gpt-4o-mini", messages: [ChatMessage(role: .user, content: "Hello")],
            parameters: ModelParameters(temperature: 0, maxTokens: 8, seed: 1, topLogprobs: 3), stream: stream)
    }

    @Test(arguments: [false, true])
    func aStrictServerAnswersThePlainDialectWithoutAKey(stream: Bool) async throws {
        let sim = try SimulatorProcess.start(["--strict-openai"])
        defer { sim.stop() }
        let client = OpenRouterClient(
            configuration: OpenRouterConfiguration(baseURL: sim.baseURL.absoluteString, dialect: .openAI))
        let answer = try await client.complete(request(stream: stream))
        #expect(answer.tokens?.isEmpty == false, "logprobs come back")
        #expect(try await sim.stats().chatRequests == 1)
    }

    @Test func theSameStrictServerRefusesOpenRoutersFieldsNamingThem() async throws {
        let sim = try SimulatorProcess.start(["--strict-openai"])
        defer { sim.stop() }
        let client = OpenRouterClient(
            configuration: OpenRouterConfiguration(baseURL: sim.baseURL.absoluteString, apiKey: APIKey("sk-test")))
        do {
            _ = try await client.complete(request(stream: false))
            Issue.record("a strict server must refuse provider and usage")
        } catch let error as ProviderError {
            #expect(error.code == .badRequest && error.status == 400)
            #expect(error.message.hasSuffix("(400): Unrecognized request argument supplied: provider, usage"))
        }
    }

    @Test func anUnreachablePlainServerIsNamedByItsURL() async throws {
        let client = OpenRouterClient(
            configuration: OpenRouterConfiguration(baseURL: "http://127.0.0.1:9/v1", dialect: .openAI))
        do {
            _ = try await client.complete(request(stream: false))
            Issue.record("nothing listens on port 9")
        } catch let error as ProviderError {
            #expect(error.message == "Could not connect to the server at http://127.0.0.1:9/v1")
        }
    }
}
