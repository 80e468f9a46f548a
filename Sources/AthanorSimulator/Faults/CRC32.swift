/// CRC-32 (the gzip trailer's) of a run of zero bytes, in time logarithmic in its length.
///
/// Feeding one zero byte to the CRC register is a linear map over GF(2); the run's map is that
/// map raised to the run's length by squaring, as zlib's `crc32_combine` does.
enum CRC32 {
    static func ofZeros(count: Int) -> UInt32 {
        // The map for one zero bit: shift right, folding the polynomial in when the low bit was set.
        var operation = [UInt32](repeating: 0, count: 32)
        operation[0] = 0xEDB8_8320
        for bit in 1..<32 { operation[bit] = 1 << (bit - 1) }
        for _ in 0..<3 { operation = square(operation) }  // one zero byte: eight zero bits
        var register: UInt32 = 0xFFFF_FFFF
        var remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 { register = apply(operation, to: register) }
            operation = square(operation)
            remaining >>= 1
        }
        return register ^ 0xFFFF_FFFF
    }

    /// The CRC-32 of `bytes`, bit by bit: the reference the zero-run shortcut is tested against.
    static func of(_ bytes: [UInt8]) -> UInt32 {
        var register: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            register ^= UInt32(byte)
            for _ in 0..<8 { register = register & 1 == 1 ? (register >> 1) ^ 0xEDB8_8320 : register >> 1 }
        }
        return register ^ 0xFFFF_FFFF
    }

    private static func apply(_ matrix: [UInt32], to vector: UInt32) -> UInt32 {
        var sum: UInt32 = 0
        var vector = vector
        var column = 0
        while vector != 0 {
            if vector & 1 == 1 { sum ^= matrix[column] }
            vector >>= 1
            column += 1
        }
        return sum
    }

    private static func square(_ matrix: [UInt32]) -> [UInt32] {
        matrix.map { apply(matrix, to: $0) }
    }
}
