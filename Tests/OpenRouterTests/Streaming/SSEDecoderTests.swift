import OpenRouter
import Testing

@Suite struct SSEDecoderTests {
    private func decodeAll(_ chunks: [String]) -> [SSEDecoder.Event] {
        var decoder = SSEDecoder()
        return chunks.flatMap { decoder.feed(Array($0.utf8)) } + decoder.finish()
    }

    @Test func commentsAreIgnored() {
        let events = decodeAll([
            ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\ndata: [DONE]\n\n"
        ])
        #expect(events.map(\.data) == [#"{"a":1}"#, "[DONE]"])
        #expect(events.last?.isDone == true)
    }

    @Test func crlfAndCRLineEndings() {
        #expect(decodeAll(["data: one\r\n\r\ndata: two\r\rdata: three\n\n"]).map(\.data) == ["one", "two", "three"])
    }

    @Test func anEventSplitAcrossReadsEvenInsideCRLF() {
        let events = decodeAll(["da", "ta: {\"x\":", "2}\r", "\n", "\r", "\ndata: b\n", "\n"])
        #expect(events.map(\.data) == [#"{"x":2}"#, "b"])
    }

    @Test func everyByteSplitGivesTheSameEvents() {
        let text = ": c\r\n\r\nevent: chunk\r\ndata: α\r\ndata: β\r\nid: 7\r\n\r\ndata: [DONE]\r\n\r\n"
        let whole = decodeAll([text])
        #expect(
            whole == [
                SSEDecoder.Event(event: "chunk", data: "α\nβ", id: "7"), SSEDecoder.Event(data: "[DONE]", id: "7"),
            ])
        let bytes = Array(text.utf8)
        for split in 1..<bytes.count {
            var decoder = SSEDecoder()
            let events = decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...]) + decoder.finish()
            #expect(events == whole, "split at \(split)")
        }
    }

    @Test func severalEventsInOneRead() {
        #expect(decodeAll(["data: 1\n\ndata: 2\n\ndata: 3\n\n"]).map(\.data) == ["1", "2", "3"])
    }

    @Test func multiLineDataAndFieldsWithoutASpace() {
        #expect(decodeAll(["data:a\ndata: b\ndata\n\n"]).map(\.data) == ["a\nb\n"])
    }

    @Test func aLastEventWithoutItsBlankLineIsKeptAtFinish() {
        #expect(decodeAll(["data: tail"]).map(\.data) == ["tail"])
    }

    @Test(arguments: [
        ("openrouter_stream_success_usage.sse", 15), ("openrouter_stream_midstream_error.sse", 5),
        ("groq_stream_logprobs_top5_tiny.sse", 5), ("openrouter_docs_midstream_error_examples.sse", 2),
    ])
    func fixtures(name: String, count: Int) throws {
        let bytes = try Fixtures.bytes(name)
        var decoder = SSEDecoder()
        let events = decoder.feed(bytes) + decoder.finish()
        #expect(events.count == count)
        #expect(!events.contains { $0.data.hasPrefix(":") })
        var chunked = SSEDecoder()
        var pieces: [SSEDecoder.Event] = []
        for start in stride(from: 0, to: bytes.count, by: 7) {
            pieces += chunked.feed(bytes[start..<min(start + 7, bytes.count)])
        }
        #expect(pieces + chunked.finish() == events)
    }
}

@Suite struct SSEDecoderLinearTimeTests {
    /// 16 MB without a line ending (what a gzip bomb of zeros inflates to) in libcurl's 16 KB
    /// pieces: each byte is searched once. Searching the whole line again for every piece took
    /// minutes (8 GB of comparisons).
    @Test func aLongLineInManyPiecesIsSearchedOnce() {
        var decoder = SSEDecoder()
        let piece = [UInt8](repeating: 0, count: 16 * 1024)
        let start = ContinuousClock.now
        for _ in 0..<1024 { #expect(decoder.feed(piece).isEmpty) }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(decoder.feed(Array("\ndata: after\n\n".utf8)).map(\.data) == ["after"])
    }
}
