import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

@testable import AthanorSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `athanor-sim` binary over loopback, driven as a client would drive OpenRouter.
@Suite struct SimulatorProcessTests {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 20
        return URLSession(configuration: configuration)
    }()

    static func post(
        _ sim: SimulatorProcess, _ body: String, key: String? = "k", headers: [String: String] = [:]
    ) async throws -> (Int, String, HTTPURLResponse) {
        var request = URLRequest(url: sim.baseURL.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http)
    }

    static let hello =
        #"{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"What is the capital of France?"}],"logprobs":true,"top_logprobs":5}"#

    @Test func answersAfterCheckingTheKeyAndCountsRequests() async throws {
        let sim = try SimulatorProcess.start(["--api-key", "k"])
        defer { sim.stop() }
        #expect(sim.baseURL.absoluteString == "http://127.0.0.1:\(sim.port)/api/v1")
        #expect(try await sim.stats() == .init(requests: 0, chatRequests: 0, inFlight: 0, maxInFlight: 0))
        let (denied, deniedBody, _) = try await Self.post(sim, Self.hello, key: nil)
        #expect(denied == 401 && deniedBody.contains("No auth credentials found"))
        let (status, body, response) = try await Self.post(sim, Self.hello)
        #expect(status == 200)
        let json = try #require(JSONValue(jsonData: Data(body.utf8)))
        #expect(response.value(forHTTPHeaderField: "X-Generation-Id") == json["id"]?.stringValue)
        #expect(try await sim.stats().chatRequests == 2)
        try await sim.reset()
        #expect(try await sim.stats().requests == 0)
    }

    @Test func scenarioAnswersAreStreamed() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID()).json").path
        try Data(
            #"{"rules":[{"match":"capital of france","answer":"Paris.","confidence":0.9,"alternatives":["Lyon"]}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sim = try SimulatorProcess.start(["--scenario", path])
        defer { sim.stop() }
        let streamed = Self.hello.replacingOccurrences(of: "}]", with: "}],\"stream\":true")
        let (status, body, response) = try await Self.post(sim, streamed)
        #expect(status == 200 && response.value(forHTTPHeaderField: "Content-Type") == "text/event-stream")
        #expect(body.hasPrefix(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n"))
        #expect(body.hasSuffix("data: [DONE]\n\n"))
        let chunks = body.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
            .compactMap { JSONValue(jsonData: Data($0.dropFirst(6).utf8)) }
        let contents = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }
        #expect(contents.joined() == "Paris.")
        #expect(
            chunks.first?["choices"]?.arrayValue?.first?["logprobs"]?["content"]?.arrayValue?.first?["top_logprobs"]?
                .arrayValue?.prefix(2).map { $0["token"] } == ["Paris", "Lyon"])
        #expect(chunks.last?["usage"]?["completion_tokens"] == 2)
    }

    @Test func modelsListsPricingAndLogprobsSupport() async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        var request = URLRequest(url: sim.baseURL.appendingPathComponent("models"))
        request.setValue("Bearer k", forHTTPHeaderField: "Authorization")
        let (data, _) = try await Self.session.data(for: request)
        let models = try #require(JSONValue(jsonData: data)?["data"]?.arrayValue)
        let ids = models.compactMap { $0["id"]?.stringValue }
        #expect(ids.contains("openai/gpt-4o-mini") && ids.contains("google/gemini-2.5-flash"))
        #expect(models.allSatisfy { $0["pricing"]?["prompt"]?.stringValue != nil })
        let gemini = models.first { $0["id"] == "google/gemini-2.5-flash" }
        #expect(gemini?["supported_parameters"]?.arrayValue?.contains("logprobs") == false)
    }

    @Test(arguments: ["429", "500", "502-html", "malformed", "error-200", "no-logprobs", "midstream-error", "truncate"])
    func faultsOnDemand(kind: String) async throws {
        let sim = try SimulatorProcess.start()
        defer { sim.stop() }
        let expected = ["429": 429, "500": 500, "502-html": 502]
        if kind == "truncate" {
            await #expect(throws: (any Error).self) {
                try await Self.post(sim, Self.hello, headers: ["X-Sim-Fault": kind])
            }
        } else {
            let (status, body, _) = try await Self.post(sim, Self.hello, headers: ["X-Sim-Fault": kind])
            #expect(status == expected[kind] ?? 200)
            #expect(!body.isEmpty)
        }
        // The connection survives, or is replaced, for the next request.
        #expect(try await Self.post(sim, Self.hello).0 == 200)
    }

    @Test func randomFaultsFollowTheSeed() async throws {
        func statuses() async throws -> [Int] {
            let sim = try SimulatorProcess.start(["--fault-rate", "429=0.3", "--seed", "5"])
            defer { sim.stop() }
            var statuses: [Int] = []
            for _ in 0..<20 { statuses.append(try await Self.post(sim, Self.hello).0) }
            return statuses
        }
        let first = try await statuses()
        #expect(first.contains(429) && first.contains(200))
        #expect(try await statuses() == first)
    }

    @Test func fiftyRequestsRunConcurrently() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "100"])
        defer { sim.stop() }
        _ = try await Self.post(sim, Self.hello)
        try await sim.reset()
        let start = ContinuousClock.now
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { try await Self.post(sim, Self.hello).0 } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - start
        #expect(statuses.allSatisfy { $0 == 200 } && statuses.count == 50)
        #expect(elapsed < .milliseconds(900), "50 × 100 ms took \(elapsed)")
        let stats = try await sim.stats()
        #expect(stats.maxInFlight >= 25 && stats.inFlight == 0)
    }
}
