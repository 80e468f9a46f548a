/// A valid gzip stream of a few bytes of header, a long run of zero bytes and a short tail,
/// which inflates about 1,032 times: the body of the `gzip-bomb` fault.
///
/// One dynamic-Huffman deflate block whose codes make every 258-byte match cost two bits, both
/// zero: a literal zero, then matches of length 258 at distance 1. The compressed run between
/// head and tail is therefore all zero bytes, so the connection sends it without building it.
/// The trailer carries the true CRC-32 and size, so a client without a limit inflates all of it.
struct GzipBomb: Equatable {
    /// The gzip header, the block's header and its first literal: the bytes before the zeros.
    var head: [UInt8]
    /// How many zero bytes follow `head`.
    var zeroCount: Int
    /// The last match bit, the end-of-block code, the CRC-32 and the size (mod 2^32).
    var tail: [UInt8]
    /// How many bytes the body inflates to.
    var inflatedSize: Int

    var compressedSize: Int { head.count + zeroCount + tail.count }

    /// A bomb of about `compressedBytes` bytes on the wire.
    init(compressedBytes: Int) {
        var writer = BitWriter(bytes: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])  // gzip, deflate, unknown OS
        writer.write(1, bits: 1)  // BFINAL
        writer.write(2, bits: 2)  // dynamic Huffman codes
        writer.write(286 - 257, bits: 5)  // HLIT: literal/length codes 0...285
        writer.write(1 - 1, bits: 5)  // HDIST: distance code 0 only
        writer.write(18 - 4, bits: 4)  // HCLEN: code-length codes up to symbol 1 in the fixed order
        // Code-length code lengths in deflate's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
        // symbol 18 (a run of zeros) gets 1 bit, symbols 1 and 2 get 2 bits.
        for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] { writer.write(length, bits: 3) }
        // Canonical codes: 18 -> 0, 1 -> 10, 2 -> 11.
        // Literal/length lengths: 0 -> 2, 1...255 -> 0, 256 -> 2, 257...284 -> 0, 285 -> 1; distance 0 -> 1.
        writer.huffman("11")  // symbol 0: length 2
        writer.huffman("0")
        writer.write(138 - 11, bits: 7)  // 138 zeros
        writer.huffman("0")
        writer.write(117 - 11, bits: 7)  // 117 zeros: symbols 1...255
        writer.huffman("11")  // symbol 256: length 2
        writer.huffman("0")
        writer.write(28 - 11, bits: 7)  // symbols 257...284
        writer.huffman("10")  // symbol 285 (length 258): length 1
        writer.huffman("10")  // distance 0 (distance 1): length 1
        // Canonical literal/length codes: 285 -> 0, 0 -> 10, 256 -> 11; distance 0 -> 0.
        writer.huffman("10")  // the literal zero byte
        // Then matches of two zero bits each: finish this byte with zeros, send whole zero bytes,
        // and put the one bit the count needs to be even into the tail.
        let headBits = writer.bitCount
        head = writer.bytes
        let zeroBitsInHead = head.count * 8 - headBits
        zeroCount = max(0, compressedBytes - head.count - 9)
        let oddBit = (zeroBitsInHead + zeroCount * 8) % 2
        let matches = (zeroBitsInHead + zeroCount * 8 + oddBit) / 2
        var tailWriter = BitWriter(bytes: [])
        tailWriter.write(0, bits: oddBit)
        tailWriter.huffman("11")  // end of block
        inflatedSize = 1 + 258 * matches
        tail = tailWriter.bytes
        tail += littleEndian(CRC32.ofZeros(count: inflatedSize))
        tail += littleEndian(UInt32(truncatingIfNeeded: inflatedSize))
    }

    private func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// Deflate's bit order: fields least significant bit first, Huffman codes most significant first.
    private struct BitWriter {
        private(set) var bytes: [UInt8]
        private(set) var bitCount: Int

        init(bytes: [UInt8]) {
            self.bytes = bytes
            bitCount = bytes.count * 8
        }

        mutating func write(_ value: Int, bits: Int) {
            for bit in 0..<bits { append(bit: (value >> bit) & 1) }
        }

        /// A Huffman code written as its bits, first bit first.
        mutating func huffman(_ code: String) {
            for character in code { append(bit: character == "1" ? 1 : 0) }
        }

        private mutating func append(bit: Int) {
            if bitCount / 8 >= bytes.count { bytes.append(0) }
            bytes[bitCount / 8] |= UInt8(bit) << (bitCount % 8)
            bitCount += 1
        }
    }
}
