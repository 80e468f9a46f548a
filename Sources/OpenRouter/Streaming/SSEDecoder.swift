/// Server-sent events, decoded incrementally: bytes in as they arrive, complete events out.
///
/// A pure value type so it can be tested without a network (style.md §13). It follows the SSE
/// rules OpenRouter's streams need (SPEC §3, §6.8): lines end in LF, CRLF or CR, and a CRLF split
/// across two reads is one line ending; `:` lines are comments (`: OPENROUTER PROCESSING`);
/// several `data:` lines join with `\n`; a blank line ends an event; events may be split across
/// reads or arrive several per read.
public struct SSEDecoder: Sendable {
    public struct Event: Sendable, Hashable {
        public var event: String?
        public var data: String
        public var id: String?

        public init(event: String? = nil, data: String, id: String? = nil) {
            self.event = event
            self.data = data
            self.id = id
        }

        /// OpenAI's and OpenRouter's end-of-stream marker.
        public var isDone: Bool { data == "[DONE]" }
    }

    private var pending: [UInt8] = []
    /// How many bytes of `pending` were already searched for a line ending: each byte is looked at
    /// once, so a long line arriving in many pieces costs its length, not its length squared.
    private var scanned = 0
    private var dataLines: [String] = []
    private var eventName: String?
    private var eventID: String?

    public init() {}

    /// Consumes the next bytes of the stream and returns every event they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        pending.append(contentsOf: bytes)
        var events: [Event] = []
        var lineStart = 0
        var i = scanned
        while i < pending.count {
            let byte = pending[i]
            if byte == 0x0A || byte == 0x0D {
                // A CR at the very end may be the first half of a CRLF: wait for the next read.
                if byte == 0x0D && i + 1 == pending.count { break }
                processLine(pending[lineStart..<i], into: &events)
                i += (byte == 0x0D && pending[i + 1] == 0x0A) ? 2 : 1
                lineStart = i
            } else {
                i += 1
            }
        }
        pending.removeFirst(lineStart)
        scanned = i - lineStart
        return events
    }

    /// Ends the stream: a last line without its line ending, and a last event without its blank
    /// line, still count.
    public mutating func finish() -> [Event] {
        var events: [Event] = []
        if !pending.isEmpty {
            var line = pending[...]
            if line.last == 0x0D { line = line.dropLast() }
            processLine(line, into: &events)
            pending.removeAll()
            scanned = 0
        }
        processLine([][...], into: &events)
        return events
    }

    private mutating func processLine(_ line: ArraySlice<UInt8>, into events: inout [Event]) {
        guard let first = line.first else {
            if !dataLines.isEmpty {
                events.append(Event(event: eventName, data: dataLines.joined(separator: "\n"), id: eventID))
            }
            dataLines.removeAll(keepingCapacity: true)
            eventName = nil
            return
        }
        if first == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = String(decoding: line[valueStart...], as: UTF8.self)
        switch field {
        case "data": dataLines.append(value)
        case "event": eventName = value
        case "id": eventID = value
        default: break  // `retry` and unknown fields do not matter here
        }
    }
}
