/// Text lower-cased once, for case-insensitive substring tests: scenario rules, `Connection`.
///
/// The test is `haystack.lowercased().contains(needle.lowercased())`, which compares whole
/// `Character`s. Done that way for every rule of every request it was a fifth of the simulator's
/// CPU, so when both sides are ASCII it runs on bytes instead: ASCII lower-cases byte by byte, and
/// its only multi-scalar `Character` is CR LF, so a byte match is a `Character` match exactly when
/// it neither starts on the LF nor ends on the CR of a CR LF in the haystack. Anything else (and
/// the empty needle) takes the `Character` path, so the answer never differs from it.
struct LowercasedText: Sendable, Equatable {
    let text: String
    /// The lower-cased UTF-8 when the text is all ASCII.
    private let ascii: [UInt8]?

    init(_ original: String) {
        let utf8 = original.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = utf8.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
            ascii = bytes
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            ascii = nil
            text = original.lowercased()
        }
    }

    /// Whether `self` occurs in `haystack` as a run of whole characters.
    func isContained(in haystack: LowercasedText) -> Bool {
        guard let needle = ascii, !needle.isEmpty, let bytes = haystack.ascii else {
            return haystack.text.contains(text)
        }
        return needle.withUnsafeBufferPointer { needle in
            bytes.withUnsafeBufferPointer { bytes in Self.find(needle, in: bytes) }
        }
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard bytes.count >= count else { return false }
        let first = needle[0]
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var start = 0
        while start <= bytes.count - count {
            defer { start += 1 }
            guard bytes[start] == first else { continue }
            var offset = 1
            while offset < count, bytes[start + offset] == needle[offset] { offset += 1 }
            guard offset == count else { continue }
            let end = start + count
            if first == lf, start > 0, bytes[start - 1] == cr { continue }
            if needle[count - 1] == cr, end < bytes.count, bytes[end] == lf { continue }
            return true
        }
        return false
    }
}
