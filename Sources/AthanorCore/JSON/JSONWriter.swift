/// Writes compact JSON as UTF-8 bytes: the one serializer behind `JSONValue.serialized()` and the
/// rows a sweep stores.
///
/// Built for the hot path (a result with 5 tokens × 20 alternatives is ≈ 9 KB of text, written
/// once per point): strings are copied in runs of bytes that need no escape rather than scalar by
/// scalar, integers are written digit by digit, and a result is written member by member
/// (`beginObject`, `key`, values, `endObject`) without first building a `JSONValue` tree. Commas
/// are placed by the writer.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Write a NUL inside a string as U+FFFD (PostgreSQL's jsonb rejects `\u0000`) instead of the escape.
    public let replacingNUL: Bool
    /// Whether the next value or key follows a sibling and needs a comma first.
    private var afterValue = false

    public init(replacingNUL: Bool = false, capacity: Int = 64) {
        self.replacingNUL = replacingNUL
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// A member's key inside an object; its value is written next.
    public mutating func key(_ key: String) {
        separate()
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    // MARK: Values

    /// A value, with object keys sorted so that the same value always gives the same text.
    public mutating func write(_ value: JSONValue) {
        separate()
        plain(value)
        afterValue = true
    }

    public mutating func write(_ string: String?) {
        separate()
        if let string { quoted(string) } else { raw("null") }
        afterValue = true
    }

    /// Integers without a fraction, everything else in Swift's shortest round-tripping form;
    /// non-finite numbers (and nil) become `null`.
    public mutating func write(_ number: Double?) {
        separate()
        if let number { self.number(number) } else { raw("null") }
        afterValue = true
    }

    /// A value already written as JSON text by this writer (a piece that repeats, written once).
    public mutating func write(serialized json: String) {
        separate()
        raw(json)
        afterValue = true
    }

    public mutating func write(_ number: Int) {
        write(Double(number))
    }

    /// Bytes as an array of numbers, or `null`.
    public mutating func write(_ byteValues: [UInt8]?) {
        guard let byteValues else { return write(nil as String?) }
        beginArray()
        for byte in byteValues { write(Int(byte)) }
        endArray()
    }

    // MARK: Text

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func plain(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .number(let n): number(n)
        case .string(let s): quoted(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                plain(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                quoted(member.key)
                bytes.append(UInt8(ascii: ":"))
                plain(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func number(_ n: Double) {
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
    private mutating func quoted(_ string: String) {
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
    private mutating func raw(_ text: String) {
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

extension JSONValue {
    /// The value that `write` writes: how a type whose stored form is written member by member
    /// (`ResultValue`, `Completion`, `TokenLogprob`) also offers it as a `JSONValue`.
    public init(writing write: (inout JSONWriter) -> Void) {
        var writer = JSONWriter()
        write(&writer)
        // The writer only writes valid JSON, so this cannot fail; null would show it if it did.
        self = (try? JSONValue.parse(writer.bytes)) ?? .null
    }
}
