import AthanorCore
import Testing

@Suite struct OpenFileLimitTests {
    @Test func theLimitHoldsWhatIsLeftAfterTheReserveAtThreeFilesARequest() {
        #expect(OpenFileLimit(soft: 1024).concurrency == 320)
        #expect(OpenFileLimit(soft: 256).concurrency == 64)
        #expect(OpenFileLimit(soft: 64).concurrency == 10, "a small limit keeps half back")
        #expect(OpenFileLimit(soft: 3).concurrency == 1, "never below one")
    }

    @Test func aConcurrencyAboveItIsLoweredAndSaysSo() {
        let limit = OpenFileLimit(soft: 1024)
        #expect(limit.clamp(320) == (320, nil))
        #expect(limit.clamp(8) == (8, nil))
        let (lowered, note) = limit.clamp(3000)
        #expect(lowered == 320)
        #expect(note == "concurrency 3000 lowered to 320: the process may open 1024 files")
    }

    @Test func raisingReachesTheHardLimitOrStaysPut() {
        let before = OpenFileLimit.current
        let after = OpenFileLimit.raiseToHardLimit()
        #expect(after.soft >= before.soft)
        #expect(OpenFileLimit.current == after)
    }
}
