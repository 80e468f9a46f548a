import Testing

@testable import AthanorCore

/// What a run's answers spent against its budget.
@Suite struct SpendingLimitTests {
    @Test func theBudgetIsReachedWhenWhatWasSpentGetsThere() {
        let limit = SpendingLimit(budget: 0.001)
        #expect(!limit.isReached)
        limit.add(0.0006)
        #expect(!limit.isReached)
        limit.add(0.0004)
        #expect(limit.isReached)
        #expect(limit.spentText == "$0.001 of $0.001 spent")
    }

    @Test func nothingSpentReachesNoBudgetAndOddCostsAreIgnored() {
        let zero = SpendingLimit(budget: 0)
        #expect(!zero.isReached, "a free answer spends nothing")
        zero.add(0)
        zero.add(-1)
        zero.add(.nan)
        zero.add(.infinity)
        #expect(zero.spent == 0)
        zero.add(0.000001)
        #expect(zero.isReached)
    }
}
