import AthanorCore
import Foundation
import OpenRouter
import Testing

/// The transport against a real HTTP server on loopback: no fake HTTP layer in the process.
@Suite struct CurlMultiTransportTests {
    let server = LoopbackHTTPServer.shared
    let transport = CurlMultiTransport.shared

    @Test func postsBodyAndHeadersAndReadsTheResponse() async throws {
        let request = HTTPRequest(
            method: "POST", url: server.baseURL + "/echo?x=1",
            headers: [("Content-Type", "application/json"), ("X-Title", "Athanor")],
            bearerToken: APIKey("sk-test-123"), body: Array(#"{"hello":"wörld"}"#.utf8), timeout: .seconds(2))
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(response.headers["x-provider-name"] == "Loopback")
        #expect(response.headers["x-multi"] == "a, b")
        #expect(response.headers["content-type"] == "application/json")
        let seen = try JSONValue.parse(response.body)
        #expect(seen["method"] == "POST")
        #expect(seen["path"] == "/echo?x=1")
        #expect(seen["body"] == #"{"hello":"wörld"}"#)
        #expect(seen["headers"]?["authorization"] == "Bearer sk-test-123")
        #expect(seen["headers"]?["x-title"] == "Athanor")
        #expect(seen["headers"]?["expect"] == nil)
    }

    /// A private transport, so idle connections left by tests running in parallel cannot be picked.
    @Test func reusesTheConnectionForSequentialRequests() async throws {
        let transport = CurlMultiTransport()
        let request = HTTPRequest(url: server.baseURL + "/echo", timeout: .seconds(2))
        let first = try JSONValue.parse(try await transport.send(request).body)
        let second = try JSONValue.parse(try await transport.send(request).body)
        #expect(first["client_port"] != nil)
        #expect(first["client_port"] == second["client_port"])
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let response = try await transport.send(HTTPRequest(url: server.baseURL + "/status/503", timeout: .seconds(2)))
        #expect(response.status == 503)
        #expect(response.headers["retry-after"] == "7")
        #expect(try JSONValue.parse(response.body)["error"]?["message"] == "down")
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        let url = server.baseURL + "/echo"
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    try await transport.send(HTTPRequest(url: url + "?i=\(i)", timeout: .seconds(2))).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 40))
    }

    @Test func totalTimeoutEndsASlowResponse() async throws {
        let start = ContinuousClock.now
        await #expect {
            _ = try await transport.send(HTTPRequest(url: server.baseURL + "/slow", timeout: .milliseconds(100)))
        } throws: { error in
            (error as? HTTPTransportError)?.kind == .timeout
        }
        #expect(ContinuousClock.now - start < .seconds(2), "the 100 ms timeout fired long before the server's answer")
    }

    @Test func cancellationAbortsTheTransferAtOnce() async throws {
        let url = server.baseURL + "/slow"
        let task = Task { try await transport.send(HTTPRequest(url: url, timeout: .seconds(10))) }
        try await Task.sleep(for: .milliseconds(100))
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(2), "cancelled long before the 10 s timeout")
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        let url = server.baseURL + "/slow"
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.send(HTTPRequest(url: url, timeout: .seconds(10)))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func aConnectionClosedMidBodyIsATruncatedBody() async throws {
        await #expect {
            _ = try await transport.send(HTTPRequest(url: server.baseURL + "/truncated", timeout: .seconds(2)))
        } throws: { error in
            (error as? HTTPTransportError)?.kind == .truncated
        }
    }

    @Test func aRefusedConnectionIsARefusedConnection() async throws {
        await #expect {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/", timeout: .seconds(2)))
        } throws: { error in
            guard let error = error as? HTTPTransportError else { return false }
            return error.kind == .connectionRefused && !error.message.isEmpty
        }
    }

    @Test func aPrivateTransportShutsDownCleanly() async throws {
        var transport: CurlMultiTransport? = CurlMultiTransport()
        let response = try await transport!.send(HTTPRequest(url: server.baseURL + "/echo", timeout: .seconds(2)))
        #expect(response.status == 200)
        transport = nil
    }
}
