import Testing

@testable import AthanorCore

@Suite struct JSONWriterTests {
    @Test func commasGoBetweenSiblingsAtEveryDepth() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.write(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.write("x")
        writer.endArray()
        writer.key("b")
        writer.write(nil as Double?)
        writer.key("c")
        writer.write([1, 2] as [UInt8]?)
        writer.endObject()
        #expect(writer.text == #"{"a":[1,{},[],"x"],"b":null,"c":[1,2]}"#)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        var writer = JSONWriter()
        writer.write("quote \" backslash \\ newline \n tab \t bell \u{7} é 😀 nul \u{0}")
        #expect(writer.text == #""quote \" backslash \\ newline \n tab \t bell \u0007 é 😀 nul \u0000""#)

        var jsonb = JSONWriter(replacingNUL: true)
        jsonb.write("a\u{0}b")
        #expect(jsonb.text == "\"a\u{FFFD}b\"")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (42, "42"), (-7, "-7"), (123_456_789_012_345, "123456789012345"),
        (1e15, "1000000000000000.0"), (1e16, "1e+16"), (-0.5108256237659907, "-0.5108256237659907"),
        (3.45e-06, "3.45e-06"),
        (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func numbersAreIntegersOrShortestFractions(number: Double, text: String) throws {
        var writer = JSONWriter()
        writer.write(number)
        #expect(writer.text == text)
        if number.isFinite { #expect(try JSONValue.parse(writer.text) == .number(number)) }
    }

    @Test func treesAreWrittenWithSortedKeysAndReadBackEqual() throws {
        let value: JSONValue = ["b": [1, "two", nil, true], "a": ["nested": -1.25], "c": ""]
        #expect(value.serialized() == #"{"a":{"nested":-1.25},"b":[1,"two",null,true],"c":""}"#)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func aResultWrittenMemberByMemberReadsBackAsTheSameResult() throws {
        let token = TokenLogprob(
            token: "Par", logprob: -0.25, bytes: [80, 97, 114],
            top: [
                .init(token: "Par", logprob: -0.25, bytes: [80, 97, 114]),
                .init(token: "\u{0}x", logprob: -3, bytes: nil),
            ])
        let completion = Completion(
            id: "gen-1", model: "m", provider: "p", text: "Par\"is\"", finishReason: "stop", tokens: [token],
            usage: .init(promptTokens: 3, completionTokens: 1, cost: 0.5), latencyMilliseconds: 12.5)
        let result = ResultValue(
            key: "model=m;n=1", index: 1, modelName: "m", modelID: "acme/m", variables: Record(["n": .number(1)]),
            parameters: ModelParameters(), repeatIndex: 0,
            turns: [
                .init(
                    modelName: "m",
                    request: CompletionRequest(model: "acme/m", messages: [.init(role: .user, content: "hi")]),
                    completion: completion)
            ],
            error: nil)
        let stored = try JSONValue.parse(result.jsonbText)
        #expect(ResultValue(key: result.key, json: stored) == result.withNULsReplaced)
        #expect(ResultValue(key: result.key, json: result.jsonValue) == result)
        #expect(Completion(json: completion.jsonValue) == completion)
        #expect(!result.jsonbText.utf8.contains(0))
    }

    @Test func aValueIsWrittenAsItsJSONValueWouldBe() {
        let values: [Value] = [
            .null, .bool(true), .number(-2.5), .number(7), .string("a\"b\n"),
            .list([.number(1), .string("x"), .list([])]),
            .record(
                Record([.init("z", .number(1)), .init("a", .list([.bool(false)])), .init("m", .record(Record()))])),
            .record(Record([.init("k", .number(1)), .init("b", .null), .init("k", .number(2))])),
        ]
        for value in values {
            var direct = JSONWriter()
            direct.write(value)
            var tree = JSONWriter()
            tree.write(value.jsonValue)
            #expect(direct.text == tree.text, "\(value)")
        }
    }
}

extension ResultValue {
    /// What jsonb keeps of this result: NUL inside strings becomes U+FFFD.
    fileprivate var withNULsReplaced: ResultValue {
        var copy = self
        copy.turns = turns.map { turn in
            var turn = turn
            turn.completion.tokens = turn.completion.tokens?.map { token in
                var token = token
                token.top = token.top.map { .init(token: $0.token.replacingNULs, logprob: $0.logprob, bytes: $0.bytes) }
                return token
            }
            return turn
        }
        return copy
    }
}

extension String {
    fileprivate var replacingNULs: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}
