import AthanorCore
import Testing

@testable import AthanorSimulator

@Suite struct LogprobsWriterTests {
    /// Plain tokens take the stack buffer, others the escaping path; both give the same shape.
    @Test func entriesKeepWireOrderAndEscapeTokens() throws {
        let tokens = ["Paris", " the", "say \"hi\"", "back\\slash", "new\nline", "café", "😀", ""]
        let generated = tokens.enumerated().map { index, token in
            GeneratedToken(
                token: token, logprob: -0.1 * Double(index + 1),
                topLogprobs: [.init(token: token, logprob: -0.1 * Double(index + 1)), .init(token: "x", logprob: -3)])
        }
        var out = BodyBytes(capacity: 0)
        LogprobsWriter.logprobs(generated, into: &out)
        #expect(
            out.text.hasPrefix(
                #"{"content":[{"token":"Paris","logprob":-0.1,"bytes":[80,97,114,105,115],"top_logprobs":[{"token":"Paris","#
            ))
        #expect(out.text.hasSuffix(#"{"token":"x","logprob":-3.0,"bytes":[120]}]}],"refusal":null}"#))
        let content = try #require(try JSONValue.parse(out.bytes)["content"]?.arrayValue)
        #expect(content.count == tokens.count)
        for (entry, token) in zip(content, generated) {
            #expect(entry["token"]?.stringValue == token.token)
            #expect(entry["logprob"]?.doubleValue == token.logprob)
            #expect(entry["bytes"]?.arrayValue?.compactMap(\.intValue) == token.token.utf8.map(Int.init))
            #expect(
                entry["top_logprobs"]?.arrayValue?.first
                    == entry.objectValue.map { members in
                        .object(members.filter { $0.key != "top_logprobs" })
                    })
        }
    }
}
