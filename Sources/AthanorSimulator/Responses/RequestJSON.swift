import AthanorCore
import Foundation

/// Reads a request body as JSON: AthanorCore's byte parser for ordinary bodies, Foundation's
/// `JSONSerialization` (the simulator's only reader before) where the two could disagree.
///
/// Foundation's reader, bridging every value through `NSDictionary` and `NSNumber`, was a tenth
/// of the simulator's CPU per request. The two agree on well-formed UTF-8 JSON but not on the
/// fringes: Foundation rejects invalid UTF-8, unpaired surrogate escapes, raw control characters
/// and numbers beyond `Double`, accepts a byte-order mark, UTF-16 and trailing commas, and reads
/// `-0` as 0. A body
/// that touches any of these, or that the byte parser refuses, gets Foundation's verdict, so
/// every request is answered exactly as before.
enum RequestJSON {
    static func read(_ bytes: [UInt8]) -> JSONValue? {
        if isPlain(bytes), let value = try? JSONValue.parse(bytes), hasOnlyPlainNumbers(value) {
            return value
        }
        return JSONValue(jsonData: Data(bytes))
    }

    /// UTF-8 without a byte-order mark, no control characters but JSON's whitespace, and no
    /// `\uD800`–`\uDFFF` escape (paired or not).
    private static func isPlain(_ bytes: [UInt8]) -> Bool {
        var sawNonASCII = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x20..<0x80, UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if byte == UInt8(ascii: "\\"), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "u"),
                    bytes[index + 2] | 0x20 == UInt8(ascii: "d"),
                    !(UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index + 3])
                {
                    return false
                }
            case 0x80...: sawNonASCII = true
            default: return false
            }
        }
        guard sawNonASCII else { return true }
        return !bytes.starts(with: [0xEF, 0xBB, 0xBF]) && String(validating: bytes, as: UTF8.self) != nil
    }

    /// No number beyond `Double` and no negative zero (Foundation reads `-0` as 0 but `-0.0` as -0).
    private static func hasOnlyPlainNumbers(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): number.isFinite && !(number == 0 && number.sign == .minus)
        case .array(let items): items.allSatisfy(hasOnlyPlainNumbers)
        case .object(let members): members.values.allSatisfy(hasOnlyPlainNumbers)
        case .null, .bool, .string: true
        }
    }
}
