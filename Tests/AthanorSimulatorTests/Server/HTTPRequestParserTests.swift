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

    @Test(arguments: ["garbage\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n"])
    func malformedRequestsAreRejected(_ text: String) {
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        #expect(throws: HTTPRequestParser.Malformed.self) { try parser.next() }
    }

    @Test func connectionCloseEndsKeepAlive() {
        #expect(!HTTPRequest(method: "GET", path: "/", headers: ["Connection": "close"]).keepAlive)
        #expect(!HTTPRequest(method: "GET", path: "/", version: "HTTP/1.0").keepAlive)
    }
}
