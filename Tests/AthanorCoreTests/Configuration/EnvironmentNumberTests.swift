import AthanorCore
import Testing

@Suite struct EnvironmentNumberTests {
    @Test(arguments: ["1e16", "inf", "nan", "-3", "0", "86401", "soon"])
    func aTimeoutOutOfRangeFallsBackAndSaysSo(value: String) {
        let environment = ["ATHANOR_REQUEST_TIMEOUT": value]
        #expect(EnvironmentNumber.requestTimeout.value(in: environment) == 120)
        #expect(
            EnvironmentNumber.problems(in: environment) == [
                "ATHANOR_REQUEST_TIMEOUT=\(value) is not a number of seconds above 0 and at most 86400; using 120 seconds"
            ])
    }

    @Test func valuesInRangeAreTakenWithoutAWord() {
        let environment = [
            "ATHANOR_REQUEST_TIMEOUT": "86400", "ATHANOR_STORE_WAIT": " 0 ", "ATHANOR_RATE_LIMIT_WAIT": "2.5",
        ]
        #expect(EnvironmentNumber.problems(in: environment).isEmpty)
        #expect(EnvironmentNumber.requestTimeout.value(in: environment) == 86_400)
        #expect(EnvironmentNumber.storeWait.value(in: environment) == 0)
        #expect(RetryPolicy(environment: environment).rateLimitWait == 2.5)
    }

    @Test func unsetOrEmptyIsTheDefaultAndNoProblem() {
        #expect(EnvironmentNumber.problems(in: ["ATHANOR_STORE_WAIT": ""]).isEmpty)
        #expect(EnvironmentNumber.storeWait.value(in: [:]) == 120)
        #expect(RetryPolicy(environment: [:]).rateLimitWait == RetryPolicy.defaultRateLimitWait)
    }

    @Test func aNegativeWaitIsRefusedWithItsRange() {
        #expect(
            EnvironmentNumber.problems(in: ["ATHANOR_RATE_LIMIT_WAIT": "-1"]) == [
                "ATHANOR_RATE_LIMIT_WAIT=-1 is not a number of seconds from 0 to 86400; using 900 seconds"
            ])
    }
}
