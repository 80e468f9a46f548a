/// Bytes in, requests out: the HTTP/1.1 request framing, with no socket in sight.
///
/// Supports `Content-Length` bodies and pipelined requests (leftover bytes stay buffered).
/// `Expect: 100-continue` is reported once per request so the connection can answer it at
/// once; libcurl otherwise waits a full second before sending a large body.
struct HTTPRequestParser {
    enum Event: Equatable {
        case needMoreData
        case expectsContinue
        case request(HTTPRequest)

        static func == (lhs: Event, rhs: Event) -> Bool {
            switch (lhs, rhs) {
            case (.needMoreData, .needMoreData), (.expectsContinue, .expectsContinue): true
            case (.request(let a), .request(let b)): a.method == b.method && a.path == b.path && a.body == b.body
            default: false
            }
        }
    }

    struct Malformed: Error, Equatable {
        var status: Int
        var message: String
    }

    static let maxHeadBytes = 64 * 1024
    static let maxBodyBytes = 32 * 1024 * 1024

    private var buffer: [UInt8] = []
    private var head: (request: HTTPRequest, bodyLength: Int)?
    private var continueSent = false

    mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    mutating func next() throws(Malformed) -> Event {
        if head == nil {
            guard let end = Self.headEnd(in: buffer) else {
                if buffer.count > Self.maxHeadBytes {
                    throw Malformed(status: 413, message: "Request headers too large")
                }
                return .needMoreData
            }
            head = try Self.parseHead(buffer[..<end])
            buffer.removeFirst(end + 4)
            continueSent = false
        }
        guard let (request, length) = head else { return .needMoreData }
        guard buffer.count >= length else {
            if !continueSent, request.headers["expect"]?.lowercased() == "100-continue" {
                continueSent = true
                return .expectsContinue
            }
            return .needMoreData
        }
        var complete = request
        complete.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        head = nil
        return .request(complete)
    }

    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Reads the request line and headers (everything before the blank line).
    ///
    /// ASCII heads, all real traffic, are read as bytes; a head with other bytes goes through
    /// `String` and `Character`s, whose splitting, trimming and lower-casing agree with the bytes on
    /// ASCII (CR LF, its one two-byte `Character`, only ever ends a line).
    private static func parseHead(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> (HTTPRequest, Int) {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return try parseTextHead(bytes) }
        var lines = Self.lines(bytes)
        let parts = lines.removeFirst().split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw Malformed(status: 400, message: "Malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw Malformed(status: 400, message: "Malformed header")
            }
            let name = line[..<colon].map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
            var value = line[(colon + 1)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
            headers[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        return try request(method: parts[0], target: parts[1], version: parts[2], lowercasedHeaders: headers)
    }

    /// The lines of an ASCII head, split at CR LF; at least one, perhaps empty.
    private static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.endIndex])
        return lines
    }

    /// The same reading as `parseHead` for heads that are not ASCII, through `Character`s.
    private static func parseTextHead(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> (HTTPRequest, Int) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw Malformed(status: 400, message: "Malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw Malformed(status: 400, message: "Malformed header")
            }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingSpaces
        }
        return try request(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]),
            lowercasedHeaders: Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) }))
    }

    /// The request and its body length from a head already split into its parts.
    private static func request(
        method: String, target: String, version: String, lowercasedHeaders headers: [String: String]
    ) throws(Malformed) -> (HTTPRequest, Int) {
        if headers["transfer-encoding"] != nil {
            throw Malformed(status: 400, message: "Chunked request bodies are not supported; send Content-Length")
        }
        let length = Int(headers["content-length"] ?? "0") ?? -1
        guard length >= 0 else { throw Malformed(status: 400, message: "Invalid Content-Length") }
        guard length <= maxBodyBytes else { throw Malformed(status: 413, message: "Request body too large") }
        let target = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        for pair in target.count > 1 ? target[1].split(separator: "&") : [] {
            let keyValue = pair.split(separator: "=", maxSplits: 1)
            query[String(keyValue[0])] = keyValue.count > 1 ? String(keyValue[1]).removingPercentEncoding : ""
        }
        let request = HTTPRequest(
            method: method, path: String(target.first ?? ""), query: query, version: version,
            lowercasedHeaders: headers)
        return (request, length)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension String {
    /// `%2C` → `,` for query values such as `supported_parameters=logprobs%2Ctop_logprobs`.
    fileprivate var removingPercentEncoding: String {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? 32 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
