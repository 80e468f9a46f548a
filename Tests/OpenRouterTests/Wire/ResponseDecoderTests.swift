import AthanorCore
import OpenRouter
import Testing

@Suite struct ResponseDecoderTests {
    private func decode(
        _ body: String, status: Int = 200, headers: [String: String] = ["content-type": "application/json"]
    ) throws(ProviderError) -> Completion {
        try ResponseDecoder.decode(
            status: status, headers: headers, body: Array(body.utf8), requestedModel: "acme/model")
    }

    private func error(_ body: String, status: Int, headers: [String: String] = [:]) -> ProviderError? {
        do {
            _ = try decode(body, status: status, headers: headers)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Fixtures

    @Test func openAIBodyWithTopTwoLogprobs() throws {
        let body = try Fixtures.bytes("openai_docs_nonstream_logprobs_top2.json")
        let completion = try ResponseDecoder.decode(
            status: 200, headers: [:], body: body, requestedModel: "gpt-4o-mini")
        #expect(completion.text == "Hello! How can I assist you today?")
        #expect(completion.id == "chatcmpl-123")
        #expect(completion.model == "gpt-4o-mini")
        #expect(completion.finishReason == "stop")
        let tokens = try #require(completion.tokens)
        #expect(tokens.count == 9)
        #expect(tokens[0].token == "Hello")
        #expect(tokens[0].logprob == -0.31725305)
        #expect(tokens[0].bytes == [72, 101, 108, 108, 111])
        #expect(tokens[0].top.map(\.token) == ["Hello", "Hi"])
        #expect(tokens.map(\.token).joined() == completion.text)
        #expect(tokens.flatMap(\.top).contains { $0.token == "<|end|>" && $0.bytes == nil })
        #expect(tokens.flatMap(\.top).contains { $0.logprob == -3.7697225e-6 })
        #expect(completion.usage == Completion.Usage(promptTokens: 9, completionTokens: 9, totalTokens: 18))
    }

    @Test func openRouterReasoningBodyHasNoLogprobsAndACost() throws {
        let body = try Fixtures.bytes("openrouter_nonstream_reasoning_usage_cost.json")
        let completion = try ResponseDecoder.decode(
            status: 200, headers: ["x-provider-name": "Ignored"], body: body, requestedModel: "openai/gpt-5-mini")
        #expect(completion.tokens == nil)
        #expect(completion.provider == "OpenAI")
        #expect(completion.model == "openai/gpt-5-mini")
        #expect(completion.id == "gen-1762789734-sxYWfPfn343ZvBkw9zV9")
        #expect(completion.finishReason == "stop")
        #expect(completion.nativeFinishReason == "completed")
        #expect(completion.text.hasPrefix("Here’s a concise but thorough overview of Mars"))
        #expect(
            completion.usage
                == Completion.Usage(promptTokens: 17, completionTokens: 2177, totalTokens: 2194, cost: 0.00435825))
    }

    @Test func rateLimitFixtureShowsTheUpstreamReason() throws {
        let body = try Fixtures.bytes("openrouter_error_429_provider_ratelimited.json")
        #expect(throws: ProviderError.self) {
            try ResponseDecoder.decode(
                status: 429, headers: [:], body: body, requestedModel: "google/gemini-2.0-flash-exp:free")
        }
        do {
            _ = try ResponseDecoder.decode(status: 429, headers: ["retry-after": "3"], body: body, requestedModel: "m")
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.isRetryable)
            #expect(error.retryAfter == 3)
            #expect(error.message == "OpenRouter rate-limited the request (429, retry after 3 s)")
            #expect(error.detail?.contains("temporarily rate-limited upstream") == true)
        }
    }

    // MARK: Success shapes

    @Test(arguments: [
        #""logprobs":null,"#, "", #""logprobs":{},"#, #""logprobs":{"content":null,"refusal":null},"#,
    ])
    func missingLogprobsAreNilNeverZeros(logprobs: String) throws {
        let completion = try decode(
            #"{"choices":[{"message":{"content":"Hi"},\#(logprobs)"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#
        )
        #expect(completion.text == "Hi")
        #expect(completion.tokens == nil)
    }

    @Test func nullContentAndProviderFromTheHeader() throws {
        let completion = try decode(
            #"  {"id":"gen-9","choices":[{"message":{"content":null},"finish_reason":"length","logprobs":{"content":[{"token":"<think>","logprob":0,"bytes":null,"top_logprobs":[]}]}}]} "#,
            headers: ["x-provider-name": "Groq"])
        #expect(completion.text == "")
        #expect(completion.finishReason == "length")
        #expect(completion.provider == "Groq")
        #expect(completion.tokens == [TokenLogprob(token: "<think>", logprob: 0)])
        #expect(completion.usage == nil)
    }

    @Test func brokenTokenTextSurvives() throws {
        let completion = try decode(
            #"{"choices":[{"message":{"content":"x"},"logprobs":{"content":[{"token":"\ud83c","logprob":-9999.0,"bytes":[240,159,140]}]}}]}"#
        )
        let token = try #require(completion.tokens?.first)
        #expect(token.token == "\u{FFFD}")
        #expect(token.bytes == [240, 159, 140])
        #expect(token.logprob == -9999)
    }

    // MARK: Errors by status

    @Test func badRequestShowsTheUpstreamRawMessage() throws {
        let e = try #require(
            error(
                #"{"error":{"code":400,"message":"Provider returned error","metadata":{"raw":"{\"error\":{\"message\":\"logprobs must be between 0 and 5: 20\"}}","provider_name":"Fireworks"}}}"#,
                status: 400))
        #expect(e.code == .badRequest)
        #expect(e.message == "OpenRouter rejected the request as invalid (400): logprobs must be between 0 and 5: 20")
        #expect(!e.isRetryable)
    }

    @Test func rawAsAnObjectOrAPlainString() throws {
        let object = try #require(
            error(
                #"{"error":{"message":"Provider returned error","metadata":{"raw":{"message":"top_logprobs must be less equal than 8"}}}}"#,
                status: 400))
        #expect(object.detail == "top_logprobs must be less equal than 8")
        let plain = try #require(
            error(#"{"error":{"code":"invalid_request","message":"acme/x is not a valid model ID"}}"#, status: 400))
        #expect(plain.detail == "acme/x is not a valid model ID")
    }

    @Test func unauthorized() throws {
        let e = try #require(error(#"{"error":{"code":401,"message":"No auth credentials found"}}"#, status: 401))
        #expect(e.code == .unauthorized)
        #expect(e.message == "OpenRouter rejected the API key (401): check OPENROUTER_API_KEY")
        #expect(e.detail == "No auth credentials found")
    }

    @Test func insufficientCredits() throws {
        let e = try #require(
            error(
                #"{"error":{"code":402,"message":"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 100.","metadata":{"provider_name":null}}}"#,
                status: 402))
        #expect(e.code == .insufficientCredits)
        #expect(e.message.contains("lower max_tokens"))
        #expect(e.detail?.contains("can only afford 100") == true)
    }

    @Test func moderationListsTheReasons() throws {
        let e = try #require(
            error(
                #"{"error":{"code":403,"message":"Input flagged","metadata":{"reasons":["violence","harassment"],"flagged_input":"…"}}}"#,
                status: 403))
        #expect(e.code == .forbidden)
        #expect(e.message == "OpenRouter's moderation blocked the request (403): violence, harassment")
    }

    @Test func requireParametersNotFoundNamesTheModelAndLogprobs() throws {
        let e = try #require(
            error(
                #"{"error":{"code":404,"message":"No endpoints found that can handle the requested parameters."}}"#,
                status: 404))
        #expect(e.code == .noEndpoint)
        #expect(
            e.message
                == "no provider serves acme/model with logprobs (404 No endpoints found that can handle the requested parameters.)"
        )
        #expect(!e.isRetryable)
    }

    @Test func availabilityErrorWithoutACode() throws {
        let e = try #require(
            error(
                #"{"error":{"error_type":"constraint_filtered","http_status":503,"message":"No provider meets your routing requirements","availability":{"excluded_by":["require_parameters"],"retry_after":null}}}"#,
                status: 503))
        #expect(e.code == .noEndpoint)
        let capacity = try #require(
            error(
                #"{"error":{"error_type":"capacity_exhausted","message":"busy","availability":{"code":"capacity_exhausted","retry_after":12}}}"#,
                status: 429))
        #expect(capacity.retryAfter == 12)
    }

    @Test func requestTimeout() throws {
        let e = try #require(error(#"{"error":{"code":408,"message":"Request timed out"}}"#, status: 408))
        #expect(e.code == .timeout)
        #expect(e.isRetryable)
    }

    @Test func rateLimitWithoutRetryAfter() throws {
        let e = try #require(
            error(#"{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min"}}"#, status: 429))
        #expect(e.code == .rateLimited)
        #expect(e.retryAfter == nil)
        #expect(e.message == "OpenRouter rate-limited the request (429)")
    }

    @Test(arguments: [500, 502, 503, 504, 524, 529])
    func serverErrorsAreRetryable(status: Int) throws {
        let e = try #require(
            error(
                #"{"error":{"code":\#(status),"message":"Internal Server Error"}}"#, status: status,
                headers: ["retry-after": "2"]))
        #expect(e.code == .serverError)
        #expect(e.status == status)
        #expect(e.isRetryable)
        #expect(e.retryAfter == 2)
    }

    @Test func htmlErrorPageShowsItsTitle() throws {
        let page = "<!DOCTYPE html>\n<html><head><TITLE> 502 Bad Gateway </TITLE></head><body>cloudflare</body></html>"
        let e = try #require(error(page, status: 502, headers: ["content-type": "text/html; charset=UTF-8"]))
        #expect(e.code == .malformedResponse)
        #expect(e.status == 502)
        #expect(e.message == "OpenRouter returned an HTML error page (502): 502 Bad Gateway")
        #expect(e.isRetryable)
        let untitled = try #require(error("<html><body>oops</body></html>", status: 502))
        #expect(untitled.message == "OpenRouter returned an HTML error page (502)")
    }

    @Test func plainTextAndEmptyErrorBodiesKeepTheStatus() throws {
        let text = try #require(error("upstream connect error", status: 503))
        #expect(text.code == .serverError)
        #expect(text.detail == "upstream connect error")
        let empty = try #require(error("", status: 401))
        #expect(empty.code == .unauthorized)
    }

    // MARK: Errors inside HTTP 200

    @Test func errorBodyWithStatus200() throws {
        let e = try #require(
            error(
                #"{"error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"user_id":"u"}"#,
                status: 200))
        #expect(e.code == .errorInResponse)
        #expect(e.message.contains("Provider disconnected unexpectedly"))
        let numeric = try #require(error(#"{"error":{"code":502,"message":"upstream"}}"#, status: 200))
        #expect(numeric.status == 502)
        #expect(numeric.isRetryable)
    }

    @Test func finishReasonErrorWithChoiceError() throws {
        let e = try #require(
            error(
                #"{"choices":[{"message":{"content":"partial"},"finish_reason":"error","error":{"code":502,"message":"Upstream died"}}]}"#,
                status: 200))
        #expect(e.code == .errorInResponse)
        #expect(e.detail == "Upstream died")
    }

    @Test(arguments: [
        #"{"choices":[{"message":{"content":"Hel"#, "not json at all", "", #"{"choices":[]}"#,
        #"{"id":"gen"} trailing"#,
    ])
    func malformedOrTruncatedBodies(body: String) throws {
        let e = try #require(error(body, status: 200))
        #expect(e.code == .malformedResponse)
        #expect(e.isRetryable)
    }
}
