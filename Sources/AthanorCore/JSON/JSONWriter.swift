/// Writes compact JSON as UTF-8 bytes: the one serializer behind `JSONValue.serialized()` and the
/// rows a sweep stores.
///
/// Built for the hot path (a result with 5 tokens × 20 alternatives is ≈ 9 KB of text, written
/// once per point): strings are copied in runs of bytes that need no escape rather than scalar by
/// scalar, and integers are written digit by digit without an intermediate `String`.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Write a NUL inside a string as U+FFFD (PostgreSQL's jsonb rejects `\u0000`) instead of the escape.
    public let replacingNUL: Bool

    public init(replacingNUL: Bool = false, capacity: Int = 64) {
        self.replacingNUL = replacingNUL
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A value, with object keys sorted so that the same value always gives the same text.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .number(let n): write(n)
        case .string(let s): write(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(key)
                bytes.append(UInt8(ascii: ":"))
                write(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Integers without a fraction, everything else in Swift's shortest round-tripping form;
    /// non-finite numbers have no JSON form and become `null`.
    public mutating func write(_ n: Double) {
        guard n.isFinite else { return raw("null") }
        guard n.rounded() == n, abs(n) < 1e15 else { return raw(n.description) }
        var magnitude = UInt64(abs(n))
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        guard magnitude > 0 else { return bytes.append(UInt8(ascii: "0")) }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// A quoted string: `"` `\` and control characters escaped, everything else copied as is.
    public mutating func write(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for i in utf8.indices {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                escape(byte)
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Text that is already JSON (punctuation, keywords, a number's digits).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        case 0 where replacingNUL: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
        default:
            raw("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0xF))
        }
    }
}
