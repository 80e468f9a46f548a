import AthanorCore

/// A response body being written as UTF-8, with the few appends the per-request path needs.
///
/// `JSONWriter` writes a whole `JSONValue`; a completion body is mostly fixed punctuation, short
/// tokens and small integers, which are cheapest copied straight from static text and digit
/// tables. Strings are quoted exactly as `JSONWriter` quotes them, and values that are not worth
/// writing by hand (`usage`, an error object) go through `JSONWriter`.
struct BodyBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Text that is already JSON, such as punctuation and keys.
    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// UTF-8 that is already JSON.
    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// Text that is already JSON, such as a number's `description`.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A quoted JSON string, the same bytes as `JSONWriter.write(_: String)`.
    mutating func appendQuoted(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        guard plain else { return append(.string(text)) }
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A value through `JSONWriter` (object keys sorted).
    mutating func append(_ value: JSONValue) {
        var writer = JSONWriter()
        writer.write(value)
        bytes.append(contentsOf: writer.bytes)
    }

    /// A number as `JSONWriter` writes it: integers below 10^15 without a fraction, other
    /// finite numbers as their `description`, and `null` for the rest.
    mutating func append(number: Double) {
        guard number.isFinite else { return append("null") }
        guard number.rounded() == number, abs(number) < 1e15 else { return append(number.description) }
        append(String(Int64(number)))
    }

    /// A byte as a decimal integer, 0–255.
    mutating func appendDecimal(_ value: UInt8) {
        if value >= 100 { bytes.append(UInt8(ascii: "0") + value / 100) }
        if value >= 10 { bytes.append(UInt8(ascii: "0") + value / 10 % 10) }
        bytes.append(UInt8(ascii: "0") + value % 10)
    }
}
