import Testing

@testable import AthanorSimulator

@Suite struct FaultScheduleTests {
    @Test func theSameSeedFailsTheSameRequests() throws {
        let rates = [try FaultSchedule.parseRate("429=0.1"), try FaultSchedule.parseRate("500=0.05")]
        let schedule = FaultSchedule(rates: rates, seed: 7)
        let once = (1...500).map { schedule.fault(forRequest: $0) }
        let twice = (1...500).map { schedule.fault(forRequest: $0) }
        #expect(once == twice)
        let other = (1...500).map { FaultSchedule(rates: rates, seed: 8).fault(forRequest: $0) }
        #expect(once != other)
    }

    @Test func ratesAreRoughlyHonoured() throws {
        let schedule = FaultSchedule(rates: [try FaultSchedule.parseRate("429=0.1")], seed: 1)
        let failures = (1...10_000).filter { schedule.fault(forRequest: UInt64($0)) == .rateLimited }.count
        #expect((800...1200).contains(failures))
        #expect((1...100).allSatisfy { FaultSchedule().fault(forRequest: $0) == nil })
    }

    @Test func badRatesAreRejected() {
        for text in ["429", "teapot=0.1", "429=2", "429=x"] {
            #expect(throws: SimulatorError.self) { try FaultSchedule.parseRate(text) }
        }
        #expect(SimulatedFault.allCases.allSatisfy { (try? FaultSchedule.parseRate("\($0.rawValue)=1"))?.fault == $0 })
    }
}
