import Testing

@testable import AthanorCore

@Suite struct JSONValueSerializationTests {
    @Test func keysAreSortedAndIntegersHaveNoFraction() {
        let value: JSONValue = ["b": 1, "a": [true, nil, 2.5, "x"]]
        #expect(value.serialized() == #"{"a":[true,null,2.5,"x"],"b":1}"#)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}\u{0}").serialized() == "\"a\\\"b\\\\c\\n\\u0001\\u0000\"")
    }

    @Test func forJSONBaNulBecomesTheReplacementCharacter() {
        #expect(JSONValue.string("a\u{0}b").serializedForJSONB() == "\"a\u{FFFD}b\"")
    }

    @Test func nonFiniteNumbersBecomeNull() {
        #expect(JSONValue.number(.infinity).serialized() == "null")
        #expect(JSONValue.number(-.nan).serialized() == "null")
    }

    @Test func aCompletionRoundTripsThroughItsStoredShape() {
        let completion = Completion(
            id: "gen-1", model: "openai/gpt-4o-mini", provider: "OpenAI", text: " Paris", finishReason: "stop",
            tokens: [
                TokenLogprob(
                    token: " Paris", logprob: -0.1, bytes: [32, 80],
                    top: [.init(token: " Paris", logprob: -0.1, bytes: [32, 80])])
            ],
            usage: .init(promptTokens: 10, completionTokens: 1, cost: 0.00001), latencyMilliseconds: 12)
        #expect(Completion(json: completion.jsonValue) == completion)
        let none = Completion(text: "x", tokens: nil)
        #expect(Completion(json: none.jsonValue)?.tokens == nil)
    }
}
