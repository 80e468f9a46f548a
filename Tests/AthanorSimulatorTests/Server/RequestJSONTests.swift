import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

/// Request bodies must read as they did through Foundation alone, fringes included.
@Suite struct RequestJSONTests {
    static let bodies: [[UInt8]] =
        [
            #"{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Count to 17"}],"max_tokens":5,"#
                + #""logprobs":true,"top_logprobs":20,"usage":{"include":true},"provider":{"require_parameters":true}}"#,
            #"{"messages":[{"role":"user","content":"café \u00e9 \ud83d\ude00 \n\t\"\\\/"}],"seed":-0,"temperature":-0.0}"#,
            #"{"seed":-0,"temperature":-0,"max_tokens":-0.0,"top_logprobs":-0E0}"#, #"{"a":"é\u00e9\u0000"}"#,
            #" {"a":[1,2.5,-3e2,1E-2,0.1000000000000000055511,12345678901234567890,null,false]} "#,
            #"{"a":1,"a":2}"#, #"{"a":1e400}"#, #"{"a":"\ud800"}"#, #"{"a":"\udc00x"}"#, #"{"a":1,}"#, #"[1,]"#,
            "{not json", "", #""str""#, "[" + String(repeating: "[", count: 600) + String(repeating: "]", count: 601),
        ].map { Array($0.utf8) } + [
            Array(#"{"a":"caf"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),
            [0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8),
            Array(#"{"a":"x"#.utf8) + [0x01] + Array(#""}"#.utf8),
            Array(#"{"a":1}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        ]

    @Test(arguments: bodies)
    func bodiesReadAsFoundationReadThem(_ body: [UInt8]) {
        #expect(RequestJSON.read(body).map(Self.text) == JSONValue(jsonData: Data(body)).map(Self.text))
    }

    @Test(arguments: [
        "0", "-0", "-0.0", "-0E0", "0e5", "1e-400", "-1e-400", "1e308", "1e309", "-1e309", "4.9e-324",
        "2.2250738585072011e-308",
        "0.1", "-2.5", "1.7976931348623157e308", "9007199254740993", "123456789012345678", "-9223372036854775809",
        "18446744073709551616", "100000000000000000000000", "3.14159265358979323846264338327950288", "1E+2", "12e-1",
    ])
    func numbersReadAsFoundationReadThem(_ number: String) {
        let body = Array(#"{"n":\#(number),"m":[\#(number)]}"#.utf8)
        #expect(RequestJSON.read(body).map(Self.text) == JSONValue(jsonData: Data(body)).map(Self.text))
    }

    /// Canonical text that tells -0.0 from 0 (which `==` does not), as a fingerprint would.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .number(let number): "#\(number)"
        case .string(let string): "\(string.debugDescription)"
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { "\($0):\(text(members[$0]!))" }.joined(separator: ",") + "}"
        }
    }
}
