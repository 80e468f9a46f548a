/// A 64-bit FNV-1a hash whose value never changes between runs or machines.
///
/// Swift's `Hasher` is seeded randomly per process, so it cannot make a simulated answer
/// reproducible; FNV-1a is tiny, stable and good enough to spread similar prompts apart.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    /// Strings are followed by a separator byte so that ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(_ string: String) {
        combine(string.utf8)
        combine(CollectionOfOne(0xff))
    }

    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine($0) }
    }

    public static func of(_ parts: String...) -> UInt64 {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.value
    }
}
