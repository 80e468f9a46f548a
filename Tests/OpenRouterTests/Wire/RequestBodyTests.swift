import AthanorCore
import Testing

@testable import OpenRouter

@Suite struct RequestBodyTests {
    let messages = [
        ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Capital of France?"),
    ]

    @Test func minimalRequestSendsLogprobsAndMaxTokens() throws {
        let body = RequestBody.json(for: CompletionRequest(model: "openai/gpt-4o-mini", messages: messages))
        #expect(body["model"] == "openai/gpt-4o-mini")
        #expect(
            body["messages"] == [
                ["role": "system", "content": "Be brief."], ["role": "user", "content": "Capital of France?"],
            ])
        #expect(body["logprobs"] == true)
        #expect(body["top_logprobs"] == 20)
        #expect(body["max_tokens"] == 256)
        #expect(body["usage"] == ["include": true])
        #expect(body["provider"] == ["require_parameters": true])
        let unsetKeys = ["temperature", "top_p", "seed", "stop", "frequency_penalty", "presence_penalty"]
        for unset in unsetKeys + ["stream", "stream_options"] {
            #expect(body[unset] == nil, "\(unset) should not be sent")
        }
    }

    @Test func everySetParameterIsSent() throws {
        let parameters = ModelParameters(
            temperature: 0.7, topP: 0.9, maxTokens: 16, seed: 42, stop: ["\n\n"], frequencyPenalty: 0.1,
            presencePenalty: -0.2, topLogprobs: 5)
        let body = RequestBody.json(
            for: CompletionRequest(model: "m", messages: messages, parameters: parameters, stream: true))
        #expect(body["temperature"] == 0.7)
        #expect(body["top_p"] == 0.9)
        #expect(body["max_tokens"] == 16)
        #expect(body["seed"] == 42)
        #expect(body["stop"] == ["\n\n"])
        #expect(body["frequency_penalty"] == 0.1)
        #expect(body["presence_penalty"] == -0.2)
        #expect(body["top_logprobs"] == 5)
        #expect(body["stream"] == true)
        #expect(body["stream_options"] == ["include_usage": true])
        #expect(body.serialized().contains(#""seed":42"#))
    }

    @Test func userProviderKeysAreMergedAndWin() throws {
        let user: JSONValue = ["order": ["openai", "azure"], "allow_fallbacks": false]
        let merged = RequestBody.json(
            for: CompletionRequest(model: "m", messages: messages, parameters: ModelParameters(provider: user)))
        #expect(
            merged["provider"] == ["require_parameters": true, "order": ["openai", "azure"], "allow_fallbacks": false])
        let overridden = RequestBody.json(
            for: CompletionRequest(
                model: "m", messages: messages, parameters: ModelParameters(provider: ["require_parameters": false])))
        #expect(overridden["provider"]?["require_parameters"] == false)
        let configuredOff = RequestBody.json(
            for: CompletionRequest(model: "m", messages: messages), requireParameters: false)
        #expect(configuredOff["provider"]?["require_parameters"] == false)
    }

    @Test func bodyIsValidJSONText() throws {
        let text = RequestBody.json(for: CompletionRequest(model: "m", messages: messages)).serialized()
        #expect(try JSONValue.parse(text)["logprobs"] == true)
    }

    @Test func thePlainOpenAIDialectSendsOnlyStandardFields() throws {
        let parameters = ModelParameters(
            temperature: 0.7, topP: 0.9, maxTokens: 16, seed: 42, stop: ["\n\n"], frequencyPenalty: 0.1,
            presencePenalty: -0.2, topLogprobs: 5, provider: ["order": ["openai"]])
        let body = RequestBody.json(
            for: CompletionRequest(model: "qwen2.5-7b", messages: messages, parameters: parameters), dialect: .openAI)
        let standard: Set<String> = [
            "model", "messages", "logprobs", "top_logprobs", "max_tokens", "temperature", "top_p", "seed", "stop",
            "frequency_penalty", "presence_penalty",
        ]
        #expect(Set(body.objectValue?.keys.map { $0 } ?? []) == standard)
        #expect(body["provider"] == nil && body["usage"] == nil, "a strict server rejects provider and usage")
        #expect(body["logprobs"] == true && body["top_logprobs"] == 5 && body["max_tokens"] == 16)
        let streamed = RequestBody.json(
            for: CompletionRequest(model: "m", messages: messages, stream: true), dialect: .openAI)
        #expect(streamed["stream_options"] == ["include_usage": true], "vLLM sends usage only when asked")
        #expect(streamed["provider"] == nil && streamed["usage"] == nil)
    }

    @Test func theOpenRouterDialectStillSendsProviderAndUsage() throws {
        let body = RequestBody.json(for: CompletionRequest(model: "m", messages: messages), dialect: .openRouter)
        #expect(body["usage"] == ["include": true])
        #expect(body["provider"] == ["require_parameters": true])
    }
}
