import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The transport against the simulator's hostile faults over loopback, with real libcurl and real
/// sockets: each way a server can break or flood a transfer ends as its own kind of error.
@Suite(.serialized) struct CurlHostileServerTests {
    let transport = CurlMultiTransport.shared

    private func chatRequest(
        _ sim: SimulatorProcess, fault: String, stream: Bool = false, timeout: Duration = .seconds(20),
        idle: Duration? = nil, limit: Int? = nil
    ) -> HTTPRequest {
        let body: JSONValue = [
            "model": "openai/gpt-4o-mini", "stream": .bool(stream), "max_tokens": 8, "logprobs": true,
            "top_logprobs": 2, "messages": [["role": "user", "content": "Hello"]],
        ]
        return HTTPRequest(
            method: "POST", url: sim.baseURL.absoluteString + "/chat/completions",
            headers: [("Content-Type", "application/json"), ("X-Sim-Fault", fault)], bearerToken: APIKey("sk-test"),
            body: Array(body.serialized().utf8), timeout: timeout, idleTimeout: idle, maximumResponseBytes: limit)
    }

    /// Sends whole, or streams and reads the body to its end; returns the error it ended with.
    private func failure(of request: HTTPRequest, streamed: Bool) async -> HTTPTransportError? {
        do {
            if streamed {
                let response = try await transport.stream(request)
                for try await _ in response.body {}
            } else {
                _ = try await transport.send(request)
            }
            return nil
        } catch {
            return error as? HTTPTransportError
        }
    }

    @Test(arguments: [false, true])
    func aGzipBombStopsAtTheLimitCountedAfterDecompression(streamed: Bool) async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        // 1 MB on the wire: only decompressed bytes pass a 4 MB limit.
        let error = await failure(
            of: chatRequest(sim, fault: "gzip-bomb", stream: streamed, limit: 4 << 20), streamed: streamed)
        #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
    }

    @Test func anEndlessStreamStopsAtTheLimit() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let start = ContinuousClock.now
        let error = await failure(
            of: chatRequest(sim, fault: "endless-stream", stream: true, limit: 2 << 20), streamed: true)
        #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func aHugeAnswerStopsAtTheLimit() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let error = await failure(of: chatRequest(sim, fault: "huge-answer", limit: 1 << 20), streamed: false)
        #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
    }

    @Test func anAnswerWithinTheLimitPasses() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let response = try await transport.send(chatRequest(sim, fault: "no-logprobs", limit: 64 << 10))
        #expect(response.status == 200)
    }

    @Test(arguments: [false, true])
    func aServerThatStallsAfterItsHeadersIsAnIdleTimeout(streamed: Bool) async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let start = ContinuousClock.now
        let error = await failure(
            of: chatRequest(sim, fault: "stall", stream: streamed, timeout: .seconds(60), idle: .seconds(1)),
            streamed: streamed)
        #expect(error?.kind == .idleTimeout, "\(String(describing: error))")
        // libcurl judges speed over its last few seconds: a stall is seen within the idle time plus that window.
        #expect(ContinuousClock.now - start < .seconds(10), "long before the 60 s total timeout")
    }

    @Test func theTotalTimeoutStaysATimeout() async throws {
        let sim = try SimulatorProcess.start(["--slow-ms", "5000"])
        defer { sim.stop() }
        let error = await failure(
            of: chatRequest(sim, fault: "slow", timeout: .seconds(1), idle: .seconds(30)), streamed: false)
        #expect(error?.kind == .timeout, "\(String(describing: error))")
    }

    @Test(arguments: [false, true])
    func aResetConnectionIsAReset(streamed: Bool) async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let error = await failure(of: chatRequest(sim, fault: "reset", stream: streamed), streamed: streamed)
        #expect(error?.kind == .connectionReset, "\(String(describing: error))")
    }

    @Test func aBodyCutShortIsTruncated() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let error = await failure(of: chatRequest(sim, fault: "truncate"), streamed: false)
        #expect(error?.kind == .truncated, "\(String(describing: error))")
    }

    @Test func aHostThatDoesNotResolveIsHostNotFound() async throws {
        let error = await failure(
            of: HTTPRequest(url: "http://nonexistent.invalid/api/v1/models", timeout: .seconds(20)), streamed: false)
        #expect(error?.kind == .hostNotFound, "\(String(describing: error))")
    }

    @Test func aClosedLoopbackPortIsARefusedConnection() async throws {
        let port = try Self.closedPort()
        let error = await failure(
            of: HTTPRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(5)), streamed: false)
        #expect(error?.kind == .connectionRefused, "\(String(describing: error))")
    }

    /// A loopback port that was free a moment ago: bound to learn it, then closed.
    static func closedPort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return UInt16(bigEndian: address.sin_port)
    }
}
