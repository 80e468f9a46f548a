import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

/// The router without sockets: status codes, bodies and headers for each case.
@Suite struct SimulatorTests {
    static func chat(
        _ body: JSONValue, key: String? = "test", headers: [String: String] = [:]
    ) -> HTTPRequest {
        var all = headers
        if let key { all["Authorization"] = "Bearer \(key)" }
        return HTTPRequest(
            method: "POST", path: "/api/v1/chat/completions", headers: all, body: Array(body.serialized().utf8))
    }

    static let hello: JSONValue = [
        "model": "openai/gpt-4o-mini", "messages": [["role": "user", "content": "hello"]], "logprobs": true,
        "top_logprobs": 3,
    ]

    func json(_ response: HTTPResponse) throws -> JSONValue {
        try #require(JSONValue(jsonData: Data(response.bodyText.utf8)))
    }

    @Test func authIsRequiredAndCheckedAgainstTheKey() throws {
        var configuration = SimulatorConfiguration()
        configuration.apiKey = "right"
        let simulator = Simulator(configuration: configuration)
        let missing = simulator.handle(Self.chat(Self.hello, key: nil))
        #expect(missing.status == 401)
        #expect(try json(missing) == ["error": ["code": 401, "message": "No auth credentials found"]])
        #expect(simulator.handle(Self.chat(Self.hello, key: "wrong")).status == 401)
        #expect(simulator.handle(Self.chat(Self.hello, key: "right")).status == 200)
        #expect(simulator.handle(HTTPRequest(method: "GET", path: "/api/v1/models")).status == 401)
    }

    @Test func aCompletionHasOpenRoutersShape() throws {
        let response = Simulator(configuration: .init()).handle(Self.chat(Self.hello))
        let body = try json(response)
        let id = try #require(body["id"]?.stringValue)
        #expect(id.hasPrefix("gen-") && response.header("X-Generation-Id") == id)
        #expect(body["object"] == "chat.completion" && body["provider"] == "Simulator")
        let choice = try #require(body["choices"]?.arrayValue?.first)
        #expect(choice["message"]?["role"] == "assistant")
        #expect(choice["logprobs"]?["content"]?.arrayValue?.first?["top_logprobs"]?.arrayValue?.count == 3)
        #expect(choice["logprobs"]?["refusal"] == .null)
        let usage = try #require(body["usage"])
        #expect(usage["prompt_tokens"] == 1)
        #expect((usage["cost"]?.doubleValue ?? 0) > 0)
    }

    @Test func topLogprobsAbove20IsABadRequest() throws {
        var body = Self.hello.objectValue ?? [:]
        body["top_logprobs"] = 21
        let response = Simulator(configuration: .init()).handle(Self.chat(.object(body)))
        #expect(response.status == 400)
        #expect(try json(response)["error"]?["code"] == 400)
        #expect(Simulator(configuration: .init()).handle(Self.chat("not an object")).status == 400)
    }

    @Test func aModelWithoutLogprobsDropsThemOrRefusesWhenRequired() throws {
        var body = Self.hello.objectValue ?? [:]
        body["model"] = "google/gemini-2.5-flash"
        let simulator = Simulator(configuration: .init())
        let dropped = try json(simulator.handle(Self.chat(.object(body))))
        #expect(dropped["choices"]?.arrayValue?.first?["logprobs"] == .null)
        body["provider"] = ["require_parameters": true]
        let refused = simulator.handle(Self.chat(.object(body)))
        #expect(refused.status == 404)
        #expect(
            try json(refused)["error"]?["message"] == "No endpoints found that can handle the requested parameters.")
    }

    @Test func statsCountApiRequestsOnly() throws {
        let simulator = Simulator(configuration: .init())
        _ = simulator.handle(Self.chat(Self.hello)).onFinish?()
        _ = simulator.handle(HTTPRequest(method: "GET", path: "/api/v1/models", headers: ["Authorization": "Bearer k"]))
        let stats = try json(simulator.handle(HTTPRequest(method: "GET", path: "/sim/stats")))
        #expect(stats["requests"] == 2 && stats["chat_requests"] == 1 && stats["in_flight"] == 1)
        _ = simulator.handle(HTTPRequest(method: "POST", path: "/sim/reset"))
        #expect(simulator.stats.snapshot.requests == 0)
    }

    @Test func faultsShapeTheResponse() throws {
        let simulator = Simulator(configuration: .init())
        func fault(_ kind: String, stream: Bool = false) -> HTTPResponse {
            var body = Self.hello.objectValue ?? [:]
            body["stream"] = .bool(stream)
            return simulator.handle(Self.chat(.object(body), headers: ["X-Sim-Fault": kind]))
        }
        let limited = fault("429")
        #expect(limited.status == 429 && limited.header("Retry-After") == "1")
        #expect(try json(limited)["error"]?["metadata"]?["raw"] != nil)
        #expect(fault("500").status == 500)
        #expect(fault("502-html").status == 502 && fault("502-html").bodyText.contains("<title>"))
        #expect(fault("malformed").status == 200 && JSONValue(jsonData: Data(fault("malformed").bodyText.utf8)) == nil)
        guard case .truncated(let sent, let declared) = fault("truncate").body else {
            Issue.record("truncate did not truncate"); return
        }
        #expect(sent.count < declared)
        #expect(try json(fault("error-200")) == ["error": ["code": 502, "message": "Provider returned error"]])
        #expect(try json(fault("no-logprobs"))["choices"]?.arrayValue?.first?["logprobs"] == .null)
        #expect(try json(fault("midstream-error"))["choices"]?.arrayValue?.first?["finish_reason"] == "error")
        let midstream = fault("midstream-error", stream: true).bodyText
        #expect(midstream.contains("\"error\":{") && midstream.hasSuffix("data: [DONE]\n\n"))
        #expect(fault("teapot").status == 400)
    }

    @Test func slowAddsItsDelay() {
        var configuration = SimulatorConfiguration()
        configuration.latency = .milliseconds(10)
        configuration.slowDelay = .milliseconds(300)
        let response = Simulator(configuration: configuration).handle(
            Self.chat(Self.hello, headers: ["X-Sim-Fault": "slow"]))
        #expect(response.status == 200 && response.delay == .milliseconds(310))
    }
}
