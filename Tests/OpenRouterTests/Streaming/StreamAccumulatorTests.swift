import AthanorCore
import OpenRouter
import Testing

@Suite struct StreamAccumulatorTests {
    private func accumulate(_ bytes: [UInt8]) throws(ProviderError) -> Completion {
        var decoder = SSEDecoder()
        var accumulator = StreamAccumulator()
        for event in decoder.feed(bytes) + decoder.finish() { try accumulator.add(event) }
        return try accumulator.completion()
    }

    private func accumulate(_ text: String) throws(ProviderError) -> Completion { try accumulate(Array(text.utf8)) }

    @Test func openRouterSuccessWithUsage() throws {
        let completion = try accumulate(try Fixtures.bytes("openrouter_stream_success_usage.sse"))
        #expect(completion.text.hasPrefix("https://github.com/pydantic/pydantic"))
        #expect(completion.id == "gen-1786465029-CAkqUciXgQW34RmFaTck")
        #expect(completion.provider == "OpenAI")
        #expect(completion.model == "openai/gpt-4.1-mini")
        #expect(completion.finishReason == "stop")
        #expect(completion.nativeFinishReason == "completed")
        #expect(completion.tokens == nil)
        #expect(
            completion.usage
                == Completion.Usage(promptTokens: 8174, completionTokens: 30, totalTokens: 8204, cost: 0.0133176))
    }

    @Test func groqLogprobsBesideDelta() throws {
        let completion = try accumulate(try Fixtures.bytes("groq_stream_logprobs_top5_tiny.sse"))
        #expect(completion.text == "<think>")
        #expect(completion.finishReason == "length")
        let token = try #require(completion.tokens?.first)
        #expect(completion.tokens?.count == 1)
        #expect(token.token == "<think>")
        #expect(token.logprob == 0)
        #expect(token.top.count == 5)
        #expect(token.top.last == TokenLogprob.Alternative(token: "", logprob: -16.635532, bytes: nil))
        #expect(completion.usage == Completion.Usage(promptTokens: 12, completionTokens: 1, totalTokens: 13))
    }

    @Test func midStreamErrorWithNullFinishReason() throws {
        #expect {
            _ = try accumulate(try Fixtures.bytes("openrouter_stream_midstream_error.sse"))
        } throws: { error in
            guard let error = error as? ProviderError else { return false }
            return error.code == .errorInResponse && error.status == 400 && error.detail == "Token limit reached"
        }
    }

    @Test func documentedMidStreamErrors() throws {
        let lines = String(decoding: try Fixtures.bytes("openrouter_docs_midstream_error_examples.sse"), as: UTF8.self)
            .split(separator: "\n\n").map(String.init)
        var first = StreamAccumulator()
        #expect(throws: ProviderError.self) { try first.add(SSEDecoder.Event(data: String(lines[0].dropFirst(6)))) }
        do {
            var second = StreamAccumulator()
            try second.add(SSEDecoder.Event(data: String(lines[1].dropFirst(6))))
            Issue.record("no error thrown")
        } catch {
            #expect(error.code == .errorInResponse)
            #expect(error.message.contains("Provider disconnected unexpectedly"))
        }
    }

    @Test func severalOrNoTokensPerChunkAndLastUsageWins() throws {
        let completion = try accumulate(
            """
            data: {"id":"g","choices":[{"delta":{"content":"ab"},"logprobs":{"content":[{"token":"a","logprob":-1},{"token":"b","logprob":-2}]}}]}

            data: {"choices":[{"delta":{"content":""},"logprobs":null,"finish_reason":null}]}

            data: {"choices":[{"delta":{"content":"c"},"logprobs":{"content":[{"token":"c","logprob":-0.5}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}

            data: {"choices":[{"delta":{},"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4,"cost":0.5}}

            data: [DONE]


            """)
        #expect(completion.text == "abc")
        #expect(completion.tokens?.map(\.token) == ["a", "b", "c"])
        #expect(completion.finishReason == "stop")
        #expect(completion.usage?.cost == 0.5)
    }

    @Test func aStreamCutBeforeTheEndIsIncomplete() {
        #expect(throws: ProviderError.self) {
            try accumulate(#"data: {"choices":[{"delta":{"content":"Hal"}}]}\#n\#n"#)
        }
    }

    @Test func dataWrappedCommentsAndGarbage() throws {
        let completion = try accumulate(
            "data: : OPENROUTER PROCESSING\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n"
        )
        #expect(completion.text == "x")
        #expect(throws: ProviderError.self) { try accumulate("data: {not json\n\n") }
    }

    @Test func eachChunkReportsWhatItAdded() throws {
        var accumulator = StreamAccumulator()
        let first = try accumulator.add(
            SSEDecoder.Event(
                data:
                    #"{"id":"g","model":"acme/m","provider":"Acme","choices":[{"delta":{"content":"ab"},"logprobs":{"content":[{"token":"a","logprob":-1},{"token":"b","logprob":-2}]}}]}"#
            ))
        #expect(first?.text == "ab")
        #expect(first?.tokens.map(\.token) == ["a", "b"])
        #expect(first?.model == "acme/m")
        #expect(first?.provider == "Acme")
        let tokenOnly = try accumulator.add(
            SSEDecoder.Event(
                data: #"{"choices":[{"delta":{"content":""},"logprobs":{"content":[{"token":"<s>","logprob":0}]}}]}"#))
        #expect(tokenOnly?.text == "")
        #expect(tokenOnly?.tokens.map(\.token) == ["<s>"])
        #expect(tokenOnly?.model == "acme/m", "the model named once is repeated on later pieces")
        let usageOnly = try accumulator.add(
            SSEDecoder.Event(data: #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":3}}"#))
        #expect(usageOnly == nil)
        #expect(try accumulator.add(SSEDecoder.Event(data: "[DONE]")) == nil)
        #expect(try accumulator.completion().text == "ab")
    }
}
