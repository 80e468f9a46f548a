import Testing

@testable import AthanorSimulator

/// The `gzip-bomb` body is a real gzip stream: its trailer's CRC-32 is checked against the one
/// done byte by byte here, and libcurl's zlib inflates it past a size limit in the OpenRouter tests.
@Suite struct GzipBombTests {
    @Test func theZeroRunCRCMatchesTheByteByByteOne() {
        for count in [0, 1, 7, 258, 1000, 65_537] {
            #expect(CRC32.ofZeros(count: count) == CRC32.of([UInt8](repeating: 0, count: count)), "\(count) zeros")
        }
        #expect(CRC32.of(Array("123456789".utf8)) == 0xCBF4_3926, "the standard check value")
    }

    @Test func aMegabyteInflatesToAGigabyte() {
        let bomb = GzipBomb(compressedBytes: 1 << 20)
        #expect(bomb.compressedSize == 1 << 20)
        #expect(bomb.inflatedSize > 1_000_000_000)
        #expect(bomb.head.prefix(3) == [0x1F, 0x8B, 8], "gzip, deflate")
        let size = bomb.tail.suffix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(size == bomb.inflatedSize & 0xFFFF_FFFF, "the trailer states the true size")
    }
}
