import Testing

@testable import AthanorSimulator

@Suite struct SimulatorOptionsTests {
    @Test func everyFlagIsRead() throws {
        let configuration = try #require(
            try SimulatorOptions.parse([
                "--port", "8123", "--latency-ms", "50", "--api-key", "k", "--fault-rate", "429=0.1",
                "--fault-rate", "truncate=0.03", "--seed", "9", "--slow-ms", "200",
            ]))
        #expect(configuration.port == 8123)
        #expect(configuration.latency == .milliseconds(50))
        #expect(configuration.apiKey == "k")
        #expect(configuration.faults.rates.map(\.fault) == [.rateLimited, .truncate])
        #expect(configuration.faults.seed == 9)
        #expect(configuration.slowDelay == .milliseconds(200))
    }

    @Test func helpAndMistakes() throws {
        #expect(try SimulatorOptions.parse(["--help"]) == nil)
        for arguments in [["--port"], ["--port", "x"], ["--latency-ms", "-1"], ["--bogus"], ["--fault-rate", "x"]] {
            #expect(throws: SimulatorError.self) { try SimulatorOptions.parse(arguments) }
        }
    }
}
