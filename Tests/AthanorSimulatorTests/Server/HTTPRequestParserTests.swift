import Testing

@testable import AthanorSimulator

@Suite struct HTTPRequestParserTests {
    @Test func pipelinedRequestsArriveInPieces() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /api/v1/chat/completions?x=a%2Cb HTTP/1.1\r\nContent-Length: 2\r\n\r\n{".utf8))
        #expect(try parser.next() == .needMoreData)
        parser.append(Array("}GET /models HTTP/1.1\r\n\r\n".utf8))
        guard case .request(let first) = try parser.next() else { Issue.record("no first request"); return }
        #expect(first.method == "POST" && first.path == "/api/v1/chat/completions" && first.body == Array("{}".utf8))
        #expect(first.query["x"] == "a,b")
        guard case .request(let second) = try parser.next() else { Issue.record("no second request"); return }
        #expect(second.path == "/models" && second.keepAlive)
        #expect(try parser.next() == .needMoreData)
    }

    @Test func expectContinueIsReportedOnce() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(try parser.next() == .expectsContinue)
        #expect(try parser.next() == .needMoreData)
        parser.append(Array("abc".utf8))
        guard case .request(let request) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.body == Array("abc".utf8))
    }

    @Test(arguments: [
        "garbage\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n",
    ])
    func malformedRequestsAreRejected(_ text: String) {
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        #expect(throws: HTTPRequestParser.Malformed.self) { try parser.next() }
    }

    /// A head fed a byte at a time gives the same request as the head in one piece.
    @Test func aHeadSplitAnywhereParsesTheSame() throws {
        let text =
            "POST /v1/chat/completions?a=1&b HTTP/1.1\r\nHost: x\r\nX-Padded: \t two words \t\r\n"
            + "AUTHORIZATION:Bearer k\r\nx-dup: 1\r\nX-Dup: 2\r\nContent-Length: 2\r\n\r\n{}"
        var parser = HTTPRequestParser()
        var events: [HTTPRequestParser.Event] = []
        for byte in text.utf8 {
            parser.append([byte])
            let event = try parser.next()
            if event != .needMoreData { events.append(event) }
        }
        guard events.count == 1, case .request(let request) = events[0] else { Issue.record("\(events)"); return }
        #expect(request.method == "POST" && request.path == "/v1/chat/completions" && request.version == "HTTP/1.1")
        #expect(request.query == ["a": "1", "b": ""])
        #expect(
            request.headers == [
                "host": "x", "x-padded": "two words", "authorization": "Bearer k", "x-dup": "2", "content-length": "2",
            ])
        #expect(request.body == Array("{}".utf8))
    }

    /// Heads with other bytes than ASCII are read through `Character`s, as all heads once were.
    @Test func nonASCIIHeadsAreReadAsText() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET  /models  HTTP/1.1\r\nX-Name: café \r\nX-Bad: \u{FFFD}\r\n\r\n".utf8) + [0xFF])
        guard case .request(let request) = try parser.next() else { Issue.record("no request"); return }
        #expect(
            request.path == "/models" && request.headers["x-name"] == "café" && request.headers["x-bad"] == "\u{FFFD}")
    }

    @Test func connectionCloseEndsKeepAlive() {
        #expect(!HTTPRequest(method: "GET", path: "/", headers: ["Connection": "close"]).keepAlive)
        #expect(!HTTPRequest(method: "GET", path: "/", version: "HTTP/1.0").keepAlive)
    }
}
