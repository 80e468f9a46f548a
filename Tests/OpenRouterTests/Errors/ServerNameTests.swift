import AthanorCore
import Testing

@testable import OpenRouter

/// Error sentences name the server that answered: OpenRouter in its dialect, the base URL of a
/// plain OpenAI-compatible server.
@Suite struct ServerNameTests {
    let local = ServerName(dialect: .openAI, baseURL: "http://127.0.0.1:8000/v1")

    private func error(_ status: Int, _ message: String, server: ServerName) -> ProviderError {
        let body = Array(#"{"error":{"code":\#(status),"message":"\#(message)"}}"#.utf8)
        return ResponseErrorMapper.error(status: status, body: body, headers: [:], model: "m", server: server)
    }

    @Test func aPlainServersRefusalNamesItsBaseURL() {
        let refusal = error(400, "Unrecognized request argument supplied: provider, usage", server: local)
        #expect(refusal.code == .badRequest)
        #expect(
            refusal.message
                == "The server at http://127.0.0.1:8000/v1 rejected the request as invalid (400): "
                + "Unrecognized request argument supplied: provider, usage")
        #expect(!refusal.message.contains("OpenRouter"))
        let key = error(401, "bad key", server: local)
        #expect(
            key.message == "The server at http://127.0.0.1:8000/v1 rejected the API key (401): check OPENAI_API_KEY")
        #expect(error(403, "no", server: local).message.hasPrefix("The moderation from the server at http://127.0.0.1"))
        for status in [402, 408, 429, 500, 418] {
            #expect(!error(status, "x", server: local).message.contains("OpenRouter"), "\(status)")
        }
    }

    @Test func openRoutersSentencesAreUnchanged() {
        #expect(
            error(400, "bad", server: .openRouter).message == "OpenRouter rejected the request as invalid (400): bad")
        #expect(error(401, "x", server: .openRouter).message.hasSuffix("check OPENROUTER_API_KEY"))
        #expect(error(403, "x", server: .openRouter).message.hasPrefix("OpenRouter's moderation blocked"))
    }

    @Test func decodingFailuresNameThePlainServer() {
        #expect(throws: ProviderError.self) {
            try ResponseDecoder.decode(
                status: 200, headers: [:], body: Array(#"{"choices":[]}"#.utf8), requestedModel: "m", server: local)
        }
        do {
            _ = try ResponseDecoder.decode(
                status: 200, headers: [:], body: Array(#"{"choices":[]}"#.utf8), requestedModel: "m", server: local)
        } catch {
            #expect(error.message == "The answer from the server at http://127.0.0.1:8000/v1 has no choices")
        }
        var stream = StreamAccumulator(server: local)
        _ = try? stream.add(chunk: ["choices": [["delta": ["content": "Par"]]]])
        do {
            _ = try stream.completion()
            Issue.record("a stream without an end is not an answer")
        } catch {
            #expect(error.message.hasPrefix("The stream from the server at http://127.0.0.1:8000/v1 ended before"))
        }
    }
}
