import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `--max-in-flight N`: the simulator behaves like a provider with a concurrency limit.
@Suite struct MaxInFlightTests {
    @Test func requestsBeyondTheLimitAreAnswered429WithRetryAfter() async throws {
        let sim = try SimulatorProcess.start(["--max-in-flight", "4", "--latency-ms", "800"])
        defer { sim.stop() }
        let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let (status, _, response) = try await SimulatorProcessTests.post(sim, SimulatorProcessTests.hello)
                    return (status, response.value(forHTTPHeaderField: "Retry-After"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let refused = answers.filter { $0.0 == 429 }
        #expect(answers.filter { $0.0 == 200 }.count == 4, "\(answers)")
        #expect(refused.count == 4)
        #expect(refused.allSatisfy { $0.1 == "1" })
        // The limit frees up as answers end: the next request is served.
        let (status, _, _) = try await SimulatorProcessTests.post(sim, SimulatorProcessTests.hello)
        #expect(status == 200)
    }

    @Test func withoutTheOptionNothingIsRefused() async throws {
        let sim = try SimulatorProcess.start(["--latency-ms", "300"])
        defer { sim.stop() }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await SimulatorProcessTests.post(sim, SimulatorProcessTests.hello).0 }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 8))
    }
}
