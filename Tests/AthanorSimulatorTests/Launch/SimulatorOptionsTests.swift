import Testing

@testable import AthanorSimulator

@Suite struct SimulatorOptionsTests {
    @Test func everyFlagIsRead() throws {
        let configuration = try #require(
            try SimulatorOptions.parse([
                "--port", "8123", "--latency-ms", "50", "--api-key", "k", "--fault-rate", "429=0.1",
                "--fault-rate", "truncate=0.03", "--seed", "9", "--slow-ms", "200", "--max-in-flight", "4",
            ]))
        #expect(configuration.port == 8123)
        #expect(configuration.latency == .milliseconds(50))
        #expect(configuration.apiKey == "k")
        #expect(configuration.faults.rates.map(\.fault) == [.rateLimited, .truncate])
        #expect(configuration.faults.seed == 9)
        #expect(configuration.slowDelay == .milliseconds(200))
        #expect(configuration.maxInFlight == 4)
        #expect(try SimulatorOptions.parse([])?.maxInFlight == nil)
    }

    @Test func theNewFaultsAreNamedAndDocumented() throws {
        for name in ["gzip-bomb", "endless-stream", "huge-answer", "stall", "reset"] {
            let rate = try FaultSchedule.parseRate("\(name)=1")
            #expect(rate.fault.rawValue == name)
            #expect(SimulatorOptions.usage.contains("  \(name) "), "the help describes \(name)")
        }
        #expect(SimulatorOptions.usage.contains("--max-in-flight N"))
    }

    @Test func helpAndMistakes() throws {
        #expect(try SimulatorOptions.parse(["--help"]) == nil)
        for arguments in [
            ["--port"], ["--port", "x"], ["--latency-ms", "-1"], ["--bogus"], ["--fault-rate", "x"],
            ["--max-in-flight", "0"],
        ] {
            #expect(throws: SimulatorError.self) { try SimulatorOptions.parse(arguments) }
        }
    }
}
