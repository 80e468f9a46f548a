import Testing

@testable import AthanorCore

@Suite struct TokenLogprobStoredFormTests {
    private func stored(_ token: TokenLogprob) throws -> (text: String, readBack: TokenLogprob?) {
        var writer = JSONWriter()
        token.write(to: &writer, stored: true)
        return (writer.text, TokenLogprob(storedJSON: try JSONValue.parse(writer.text)))
    }

    @Test func theFullFormKeepsEveryTokensBytes() throws {
        let token = TokenLogprob(
            token: "a", logprob: -1, bytes: [97], top: [.init(token: "b", logprob: -2, bytes: [98])])
        #expect(token.jsonValue["bytes"] == [97])
        #expect(token.jsonValue["top_logprobs"]?.arrayValue?.first?["bytes"] == [98])
        let result = ResultValue(
            key: "k", index: 0, modelName: "m", modelID: "acme/m", variables: Record(), parameters: ModelParameters(),
            repeatIndex: 0,
            turns: [
                .init(
                    modelName: "m", request: CompletionRequest(model: "acme/m", messages: []),
                    completion: Completion(text: "a", tokens: [token]))
            ], error: nil)
        #expect(result.jsonValue["response"]?["logprobs"]?["content"]?.arrayValue?.first?["bytes"] == [97])
        #expect(!result.jsonbText.contains("bytes"))
        #expect(ResultValue(key: "k", json: try JSONValue.parse(result.jsonbText)) == result)
    }

    @Test func bytesThatAreTheTokensUTF8AreLeftOutAndReadBack() throws {
        let token = TokenLogprob(
            token: " Paris", logprob: -0.1, bytes: Array(" Paris".utf8),
            top: [
                .init(token: " Paris", logprob: -0.1, bytes: Array(" Paris".utf8)),
                .init(token: "é", logprob: -2, bytes: [0xC3, 0xA9]),
            ])
        let (text, readBack) = try stored(token)
        #expect(!text.contains("bytes"))
        #expect(readBack == token)
    }

    @Test func bytesThatSayMoreThanTheTextAreKept() throws {
        // Half of "é": the text cannot carry it, so the bytes must.
        let token = TokenLogprob(
            token: "\u{FFFD}", logprob: -1, bytes: [0xC3], top: [.init(token: "\u{FFFD}", logprob: -1, bytes: [0xC3])])
        let (text, readBack) = try stored(token)
        #expect(text.contains(#""bytes":[195]"#))
        #expect(readBack == token)
    }

    @Test func noBytesFromTheProviderStayNoBytes() throws {
        let token = TokenLogprob(token: "x", logprob: -1, bytes: nil, top: [.init(token: "y", logprob: -2, bytes: nil)])
        let (text, readBack) = try stored(token)
        #expect(text.contains(#""bytes":null"#))
        #expect(readBack == token)
        #expect(readBack?.top.first?.bytes == nil)
    }

    @Test func bytesWithANulAreKeptBecauseJSONBWouldChangeTheText() throws {
        let token = TokenLogprob(token: "\u{0}x", logprob: -1, bytes: [0, 120])
        let (text, _) = try stored(token)
        #expect(text.contains(#""bytes":[0,120]"#))
    }

    @Test func theProvidersJSONWithoutBytesHasNone() throws {
        let json = try JSONValue.parse(#"{"token":"a","logprob":-1,"top_logprobs":[{"token":"b","logprob":-2}]}"#)
        #expect(TokenLogprob(json: json)?.bytes == nil)
        #expect(TokenLogprob(json: json)?.top.first?.bytes == nil)
        #expect(TokenLogprob(storedJSON: json)?.bytes == [97])
        #expect(TokenLogprob(storedJSON: json)?.top.first?.bytes == [98])
    }

    @Test func rowsStoredBeforeBytesWereLeftOutReadTheSame() throws {
        let json = try JSONValue.parse(#"{"token":"a","logprob":-1,"bytes":[97],"top_logprobs":[]}"#)
        #expect(TokenLogprob(storedJSON: json) == TokenLogprob(token: "a", logprob: -1, bytes: [97]))
    }
}
