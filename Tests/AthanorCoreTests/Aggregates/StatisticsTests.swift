import Testing

@testable import AthanorCore

/// The reductions on plain numbers, against values worked out by hand.
@Suite struct StatisticsTests {
    @Test func standardDeviationDividesByNMinusOne() throws {
        // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, 32/7.
        let sd = try #require(Statistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(abs(sd - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(Statistics.standardDeviation([3]) == nil)
        #expect(Statistics.standardDeviation([1, 1]) == 0)
    }

    @Test(arguments: [
        ([1.0, 2, 3, 4], 0.25, 1.75), ([1.0, 2, 3, 4], 0.5, 2.5), ([3.0, 1, 2], 0.5, 2.0),
        ([1.0, 2, 3, 4], 0.0, 1.0), ([1.0, 2, 3, 4], 1.0, 4.0), ([10.0, 0], 0.9, 9.0), ([7.0], 0.3, 7.0),
    ])
    func quantilesInterpolateBetweenClosestRanks(values: [Double], q: Double, expected: Double) throws {
        let value = try #require(Statistics.quantile(values, q))
        #expect(abs(value - expected) < 1e-12)
    }

    @Test func brierIsTheMeanSquaredErrorAgainstTheOutcome() throws {
        // (0.9 − 1)² = 0.01, (0.2 − 0)² = 0.04, (0.6 − 0)² = 0.36: mean 0.41 / 3.
        let score = try #require(Statistics.brier([0.9, 0.2, 0.6], [true, false, false]))
        #expect(abs(score - 0.41 / 3) < 1e-12)
        #expect(Statistics.brier([], []) == nil)
        #expect(Statistics.brier([1, 0], [true, false]) == 0)
    }

    @Test func calibrationBinsByEqualWidthWithOneInTheLastBin() {
        let bins = Statistics.calibration(
            [0, 0.1, 0.25, 0.5, 0.55, 0.99, 1], [false, false, true, true, false, true, true], bins: 4)
        #expect(bins.map(\.count) == [2, 1, 2, 2])
        #expect(bins[0].meanProbability == 0.05)
        #expect(bins[0].frequency == 0)
        #expect(bins[1].lower == 0.25 && bins[1].upper == 0.5 && bins[1].frequency == 1)
        #expect(abs((bins[2].meanProbability ?? 0) - 0.525) < 1e-12)
        #expect(bins[2].frequency == 0.5)
        #expect(abs((bins[3].meanProbability ?? 0) - 0.995) < 1e-12 && bins[3].frequency == 1)
    }

    @Test func anEmptyBinHasNoMeanAndNoFrequency() {
        let bins = Statistics.calibration([0.95], [true], bins: 2)
        #expect(bins[0].count == 0 && bins[0].meanProbability == nil && bins[0].frequency == nil)
        #expect(bins[1].count == 1)
    }

    @Test func expectedCalibrationErrorWeighsEachBinByItsShare() throws {
        // Bin [0, 0.5): p 0.1, 0.3 (mean 0.2), outcomes false, true (0.5): |0.2 − 0.5| = 0.3, weight 2/3.
        // Bin [0.5, 1]: p 0.9, outcome true: |0.9 − 1| = 0.1, weight 1/3. Total 0.2 + 0.0333.
        let ece = try #require(
            Statistics.expectedCalibrationError([0.1, 0.3, 0.9], [false, true, true], bins: 2))
        #expect(abs(ece - (0.2 + 0.1 / 3)) < 1e-12)
        #expect(Statistics.expectedCalibrationError([], [], bins: 10) == nil)
    }
}
