import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves one client connection: read requests, call the handler, write responses, repeat.
///
/// Every write uses `MSG_NOSIGNAL` and every failure just ends the connection, so a client
/// that hangs up mid-stream costs nothing but its thread.
struct HTTPConnection {
    let descriptor: Int32
    let handler: @Sendable (HTTPRequest) -> HTTPResponse

    func serve() {
        defer { close(descriptor) }
        var parser = HTTPRequestParser()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let event: HTTPRequestParser.Event
            do {
                event = try parser.next()
            } catch {
                var response = ErrorBody.response(error.status, error.message)
                response.headers.append(("Connection", "close"))
                _ = write(response, keepAlive: false, answerAt: .now)
                return
            }
            switch event {
            case .needMoreData:
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                parser.append(buffer[..<count])
            case .expectsContinue:
                guard transmit(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
            case .request(let request):
                let arrived = ContinuousClock.now
                let response = handler(request)
                let keptAlive = write(response, keepAlive: request.keepAlive, answerAt: arrived + response.delay)
                response.onFinish?()
                guard keptAlive else { return }
            }
        }
    }

    /// Writes the response, not before `answerAt`; returns whether the connection may serve another request.
    private func write(_ response: HTTPResponse, keepAlive: Bool, answerAt: ContinuousClock.Instant) -> Bool {
        pause(answerAt - .now)
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(for: response.status))\r\n"
        for header in response.headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        switch response.body {
        case .bytes(let bytes):
            head += "Content-Length: \(bytes.count)\r\n\r\n"
            return transmit(head, then: bytes) && keepAlive
        case .truncated(let bytes, let declaredLength):
            head += "Content-Length: \(declaredLength)\r\n\r\n"
            _ = transmit(head, then: bytes)
            return false
        case .stream(let parts, let complete):
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard transmit(Array(head.utf8)) else { return false }
            for part in parts {
                pause(part.delay)
                let bytes = Array(part.text.utf8)
                guard transmit(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10]) else {
                    return false
                }
            }
            return complete && transmit(Array("0\r\n\r\n".utf8)) && keepAlive
        case .run(let body, let filler, let count, let tail):
            head += "Content-Length: \(body.count + count + tail.count)\r\n\r\n"
            guard transmit(head, then: body) else { return false }
            let block = [UInt8](repeating: filler, count: 64 * 1024)
            var left = count
            while left > 0 {
                guard transmit(Array(block.prefix(left))) else { return false }
                left -= min(left, block.count)
            }
            return transmit(tail) && keepAlive
        case .endless(let body, let unit):
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard transmit(Array(head.utf8)), transmit(chunk(body)) else { return false }
            let framed = chunk(unit)
            while transmit(framed) {}
            return false
        case .stall:
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard transmit(Array(head.utf8)) else { return false }
            waitForClientToLeave(atMost: .seconds(3600))
            return false
        case .reset:
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            return false  // `serve` closes the descriptor, which now sends RST
        }
    }

    /// One chunk of a chunked body.
    private func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10]
    }

    /// Blocks until the client closes its end (or sends something, which no stalled client does).
    private func waitForClientToLeave(atMost limit: Duration) {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 1000)
            if ready < 0, errno != EINTR { return }
            if ready > 0 { return }
        }
    }

    /// Sends `head` and `body` in one write, so a small response is one segment.
    private func transmit(_ head: String, then body: [UInt8]) -> Bool {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + body.count)
        bytes.append(contentsOf: head.utf8)
        bytes.append(contentsOf: body)
        return transmit(bytes)
    }

    private func transmit(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private func pause(_ duration: Duration) {
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) * 1e-18)
    }
}
