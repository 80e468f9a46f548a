import Foundation

/// The reductions behind the aggregate functions, on plain numbers: pure, so each is tested by hand.
enum Statistics {
    /// The sample standard deviation (divides by n − 1); nil for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks (NumPy's and
    /// R's default): position q·(n − 1) in the sorted values. Nil for no values.
    static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }

    /// The Brier score: the mean of (p − outcome)², outcome counted 1 when true. Nil for no pairs.
    static func brier(_ probabilities: [Double], _ outcomes: [Bool]) -> Double? {
        guard !probabilities.isEmpty, probabilities.count == outcomes.count else { return nil }
        let total = zip(probabilities, outcomes).reduce(0.0) { sum, pair in
            let error = pair.0 - (pair.1 ? 1 : 0)
            return sum + error * error
        }
        return total / Double(probabilities.count)
    }

    /// One bin of a reliability table.
    struct CalibrationBin: Equatable {
        var index: Int
        var lower: Double
        var upper: Double
        var count: Int
        /// The mean predicted probability of the bin's pairs; nil when the bin is empty.
        var meanProbability: Double?
        /// The share of the bin's pairs whose outcome is true; nil when the bin is empty.
        var frequency: Double?
    }

    /// A reliability table: `bins` equal-width bins of [0, 1]; bin i holds the p with
    /// i/bins ≤ p < (i+1)/bins, and the last bin also holds p = 1. Every bin is listed, empty or not.
    static func calibration(_ probabilities: [Double], _ outcomes: [Bool], bins: Int) -> [CalibrationBin] {
        var counts = Array(repeating: 0, count: bins)
        var sums = Array(repeating: 0.0, count: bins)
        var trues = Array(repeating: 0, count: bins)
        for (p, outcome) in zip(probabilities, outcomes) {
            let bin = min(Int((p * Double(bins)).rounded(.down)), bins - 1)
            counts[bin] += 1
            sums[bin] += p
            if outcome { trues[bin] += 1 }
        }
        return (0..<bins).map { i in
            CalibrationBin(
                index: i, lower: Double(i) / Double(bins), upper: Double(i + 1) / Double(bins), count: counts[i],
                meanProbability: counts[i] > 0 ? sums[i] / Double(counts[i]) : nil,
                frequency: counts[i] > 0 ? Double(trues[i]) / Double(counts[i]) : nil)
        }
    }

    /// The expected calibration error: Σ over bins of (bin's count / total) · |mean p − frequency|.
    static func expectedCalibrationError(_ probabilities: [Double], _ outcomes: [Bool], bins: Int) -> Double? {
        guard !probabilities.isEmpty else { return nil }
        let total = Double(probabilities.count)
        return calibration(probabilities, outcomes, bins: bins).reduce(0.0) { sum, bin in
            guard let p = bin.meanProbability, let f = bin.frequency else { return sum }
            return sum + Double(bin.count) / total * abs(p - f)
        }
    }
}
