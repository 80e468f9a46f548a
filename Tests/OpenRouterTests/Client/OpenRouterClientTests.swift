import AthanorCore
import OpenRouter
import Testing

/// The client end to end over loopback: the server reports back the request it received.
@Suite struct OpenRouterClientTests {
    let server = LoopbackHTTPServer.shared
    let secret = "sk-or-v1-secret-for-tests"

    private func client(
        base: String? = nil, key: String? = "sk-or-v1-secret-for-tests", timeout: Duration = .seconds(2)
    ) -> OpenRouterClient {
        OpenRouterClient(
            configuration: OpenRouterConfiguration(
                baseURL: base ?? server.baseURL + "/v1/", apiKey: key.flatMap(APIKey.init), requestTimeout: timeout))
    }

    private let request = CompletionRequest(
        model: "acme/model", messages: [ChatMessage(role: .user, content: "Capital of France?")],
        parameters: ModelParameters(temperature: 0, maxTokens: 8, topLogprobs: 3))

    @Test func missingKeyFailsBeforeAnyRequest() async throws {
        // An unroutable base URL: had a request been attempted, this would be .connectionFailed.
        await #expect {
            _ = try await client(base: "http://127.0.0.1:1", key: nil).complete(request)
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .missingAPIKey && error.message.contains("OPENROUTER_API_KEY") && !error.isRetryable
        }
    }

    @Test func sendsHeadersAndBodyAndDecodesTheAnswer() async throws {
        let completion = try await client().complete(request)
        #expect(completion.id == "gen-1")
        #expect(completion.model == "acme/model")
        #expect(completion.provider == "Loopback")
        #expect(completion.finishReason == "stop")
        #expect(completion.tokens?.map(\.token) == ["Pa", "ris"])
        #expect(completion.usage?.cost == 0.00001)
        #expect(completion.latencyMilliseconds > 0)

        let seen = try JSONValue.parse(completion.text)
        #expect(seen["headers"]?["authorization"] == .string("Bearer " + secret))
        #expect(seen["headers"]?["content-type"] == "application/json")
        #expect(seen["headers"]?["x-title"] == "Athanor")
        #expect(seen["headers"]?["http-referer"]?.stringValue?.contains("athanor") == true)
        let body = try #require(seen["body"])
        #expect(body["logprobs"] == true)
        #expect(body["top_logprobs"] == 3)
        #expect(body["max_tokens"] == 8)
        #expect(body["temperature"] == 0)
        #expect(body["provider"]?["require_parameters"] == true)
        #expect(!body.serialized().contains(secret))
    }

    @Test func streamingRequestsAreDecodedFromSSE() async throws {
        var streaming = request
        streaming.stream = true
        let completion = try await client().complete(streaming)
        #expect(completion.id == "gen-s")
        #expect(completion.provider == "Loopback")
        #expect(completion.finishReason == "stop")
        #expect(completion.tokens?.map(\.token) == ["Pa", "ris"])
        #expect(completion.usage?.totalTokens == 7)
        #expect(try JSONValue.parse(completion.text)["body"]?["stream"] == true)
    }

    @Test func unreachableServerIsAConnectionFailure() async throws {
        await #expect {
            _ = try await client(base: "http://127.0.0.1:1/v1").complete(request)
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .connectionFailed && error.isRetryable && !error.description.contains(secret)
        }
    }

    @Test func slowServerIsATimeout() async throws {
        await #expect {
            _ = try await client(base: server.baseURL + "/slow", timeout: .milliseconds(100)).complete(request)
        } throws: { error in
            (error as? ProviderError)?.code == .timeout
        }
    }

    @Test func anEchoedKeyIsRedactedFromErrors() async throws {
        // `/echo` answers 200 with JSON that has no choices and contains the Authorization header.
        await #expect {
            _ = try await client(base: server.baseURL + "/echo").complete(request)
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .malformedResponse && !error.description.contains(secret)
        }
    }

    @Test func httpErrorStatusesBecomeProviderErrors() async throws {
        await #expect {
            _ = try await client(base: server.baseURL + "/html/502").complete(request)
        } throws: { error in
            (error as? ProviderError)?.message == "OpenRouter returned an HTML error page (502): 502 Bad Gateway"
        }
    }
}
