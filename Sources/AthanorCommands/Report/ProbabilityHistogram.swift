/// Counts of probabilities in equal bins over 0…1, filled one value at a time as a run's results
/// are read, so a run of any size is counted in the same memory.
struct ProbabilityHistogram: Sendable, Hashable {
    static let defaultBins = 20

    private(set) var counts: [Int]
    /// Results that had no value to count (a failed point, an answer without logprobs).
    private(set) var missing = 0

    init(bins: Int = Self.defaultBins) {
        counts = Array(repeating: 0, count: max(1, bins))
    }

    /// Bin `i` holds [i/n, (i+1)/n); the last one holds 1 too. Values outside 0…1 (a provider's
    /// rounding) go to the nearest end; NaN counts as missing.
    mutating func add(_ probability: Double?) {
        guard let probability, !probability.isNaN else {
            missing += 1
            return
        }
        counts[bin(of: probability)] += 1
    }

    func bin(of probability: Double) -> Int {
        guard probability > 0 else { return 0 }
        return min(counts.count - 1, Int(probability * Double(counts.count)))
    }

    var total: Int { counts.reduce(0, +) }
    var largest: Int { counts.max() ?? 0 }
}
