import AthanorCore
import Foundation
import Testing

@Suite struct JSONParserTests {
    @Test func scalarsAndContainers() throws {
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse("false") == .bool(false))
        #expect(try JSONValue.parse(#""hi""#) == .string("hi"))
        #expect(try JSONValue.parse("[]") == .array([]))
        #expect(try JSONValue.parse("{}") == .object([:]))
        #expect(try JSONValue.parse(#"{"a":[1,{"b":null}],"c":"d"}"#) == ["a": [1, ["b": nil]], "c": "d"])
    }

    @Test func whitespaceAroundTheDocumentIsTolerated() throws {
        #expect(try JSONValue.parse("  \n\t {\"a\" : 1 } \r\n ") == ["a": 1])
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("42", 42.0), ("-3.7e-6", -3.7e-6), ("-9999.0", -9999.0),
        ("1E3", 1000.0), ("2.5e+2", 250.0), ("-0.31725305", -0.31725305), ("123456789012345678", 123456789012345678.0),
        ("-3.7697225e-6", -3.7697225e-6),
    ])
    func numbersInEveryJSONForm(text: String, expected: Double) throws {
        #expect(try JSONValue.parse(text) == .number(expected))
    }

    @Test(arguments: ["01", "-", "1.", ".5", "1e", "+1", "0x10", "NaN"])
    func invalidNumbersAreRejected(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func escapesDecode() throws {
        #expect(try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try JSONValue.parse(#""\u003cthink\u003e""#) == .string("<think>"))
        #expect(try JSONValue.parse(#""caf\u00e9 \u20AC""#) == .string("café €"))
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        #expect(try JSONValue.parse(#""\ud83c\udf0d""#) == .string("🌍"))
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue.parse(#""a\ud83cb""#) == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse(#""\udf0d""#) == .string("\u{FFFD}"))
        #expect(try JSONValue.parse(#""\ud83c\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONValue.parse(#""\ud83c""#) == .string("\u{FFFD}"))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let raw: [UInt8] = [0x22, 0x61, 0xF0, 0x9F, 0x8C, 0x22]  // "a" + a cut 4-byte sequence
        #expect(try JSONValue.parse(raw) == .string("a\u{FFFD}"))
        let escaped: [UInt8] = [0x22, 0xFF, 0x5C, 0x6E, 0x22]  // invalid byte, then \n
        #expect(try JSONValue.parse(escaped) == .string("\u{FFFD}\n"))
    }

    @Test func nulEscapeDecodesToNUL() throws {
        #expect(try JSONValue.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func duplicateKeysKeepTheLast() throws {
        #expect(try JSONValue.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test(arguments: [
        ("", 0), ("{", 1), (#"{"a":1"#, 6), (#"{"a" 1}"#, 5), ("[1,]", 3), ("[1 2]", 3), (#""abc"#, 0),
        ("tru", 0), ("{} x", 3), (#"{"a":1,}"#, 7), (#""\x""#, 2),
    ])
    func malformedInputReportsTheOffset(text: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func parsesNonContiguousCollections() throws {
        let bytes = Array(#"{"k":[true]}"#.utf8)
        #expect(try JSONValue.parse(bytes.lazy.map { $0 }) == ["k": [true]])
    }

    @Test func roundTripsThroughSerialized() throws {
        let value: JSONValue = [
            "text": "line\nbreak \"quoted\" \\ tab\t 🌍 é \u{1}",
            "numbers": [0, -3.7e-6, -9999.0, 1.5, 123456],
            "nested": ["a": [nil, true, false], "b": [:]],
        ]
        let text = value.serialized()
        #expect(try JSONValue.parse(text) == value)
        #expect(try JSONValue.parse(Array(text.utf8)) == value)
    }

    /// A response-sized document (5 tokens × 20 alternatives, about 8 KB) parses in about a
    /// millisecond in an unoptimized debug build; the printed number is for the report, the bound
    /// is loose because the machine is shared.
    @Test func parsesAResponseSizedDocumentQuickly() throws {
        let alternative = #"{"token":" Paris","logprob":-0.0123456789,"bytes":[32,80,97,114,105,115]}"#
        let token =
            #"{"token":" Paris","logprob":-1.5e-5,"bytes":[32,80,97,114,105,115],"top_logprobs":["#
            + Array(repeating: alternative, count: 20).joined(separator: ",") + "]}"
        let body = Array(
            (#"{"id":"gen-1","choices":[{"message":{"content":"The capital"},"logprobs":{"content":["#
                + Array(repeating: token, count: 5).joined(separator: ",") + "]}}]}").utf8)
        #expect(body.count > 7_000)
        let iterations = 200
        let start = ContinuousClock.now
        for _ in 0..<iterations { _ = try JSONValue.parse(body) }
        let perParse = (ContinuousClock.now - start) / iterations
        print("JSONParser: \(body.count) bytes in \(perParse) per parse")
        #expect(perParse < .milliseconds(20))
    }
}
