import AthanorCore
import Testing

@testable import OpenRouter

/// `ResponseBody` reads `choices[0].logprobs.content` straight into tokens; whatever the shape, it
/// must give what reading the whole body as JSON and then each entry as a token gives.
@Suite struct ResponseBodyTests {
    /// The tokens the straightforward way: a whole tree, then `TokenLogprob(json:)` per entry.
    private func treeTokens(_ body: [UInt8]) throws -> [TokenLogprob]? {
        let json = try JSONValue.parse(body)
        return json["choices"]?.arrayValue?.first?["logprobs"]?["content"]?.arrayValue?.compactMap(
            TokenLogprob.init(json:))
    }

    private func check(_ body: [UInt8]) throws {
        let read = try ResponseBody(body)
        #expect(read.tokens == (try treeTokens(body)))
        // Everything but the tokens is kept as it was.
        var tree = try JSONValue.parse(body)
        if read.tokens != nil, case .object(var top) = tree, case .array(var choices)? = top["choices"],
            case .object(var choice) = choices[0], case .object(var logprobs)? = choice["logprobs"]
        {
            logprobs["content"] = nil
            choice["logprobs"] = .object(logprobs)
            choices[0] = .object(choice)
            top["choices"] = .array(choices)
            tree = .object(top)
        }
        #expect(read.json == tree)
    }

    @Test(arguments: [
        "openai_docs_nonstream_logprobs_top2.json", "openrouter_nonstream_reasoning_usage_cost.json",
        "openrouter_error_429_provider_ratelimited.json",
    ])
    func recordedBodies(name: String) throws {
        try check(try Fixtures.bytes(name))
    }

    @Test(arguments: [
        #"{"choices":[{"logprobs":null}]}"#,
        #"{"choices":[{"logprobs":{}}]}"#,
        #"{"choices":[{"logprobs":{"content":null}}]}"#,
        #"{"choices":[{"logprobs":{"content":{"token":"a"}}}]}"#,
        #"{"choices":[{"logprobs":{"content":[]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[1,"x",{"token":"no logprob"},{"logprob":-1}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1,"bytes":[97,300]},{"token":"b","logprob":-2,"bytes":"98"}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1,"top_logprobs":{"token":"a"}}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1,"top_logprobs":[null,{"token":"b"},{"token":"c","logprob":-9,"bytes":[99]}]}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1,"token":"last wins","top_logprobs":[],"top_logprobs":[{"token":"t","logprob":0}]}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1}]}},{"logprobs":{"content":[{"token":"second choice","logprob":-1}]}}]}"#,
        #"{"choices":[{"logprobs":{"content":[{"token":"a","logprob":-1}]}}],"choices":[{"logprobs":null}]}"#,
        #"{"choices":"none"}"#,
        #"[1,2,3]"#,
        #"  {"choices":[{"logprobs":{"content":[{"token":"\u00e9\ud83d\ude00","logprob":-1.5e-3}]}}]}  "#,
    ])
    func unusualShapes(body: String) throws {
        try check(Array(body.utf8))
    }

    @Test func malformedBodiesFailAsTheWholeParserFails() {
        for body in [#"{"choices":[{"logprobs":{"content":[{"token":"a""#, #"{"choices":[]} x"#, ""] {
            #expect(throws: JSONParseError.self) { try ResponseBody(Array(body.utf8)) }
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(body.utf8)) }
        }
    }
}
