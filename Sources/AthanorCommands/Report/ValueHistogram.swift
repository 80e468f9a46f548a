/// Counts of values in equal bins over a range (0…1 for probabilities), filled one value at a time
/// as a run's results are read, so a run of any size is counted in the same memory.
struct ValueHistogram: Sendable, Hashable {
    static let defaultBins = 20

    let range: ClosedRange<Double>
    private(set) var counts: [Int]
    /// Results that had no value to count (a failed point, an answer without logprobs).
    private(set) var missing = 0

    init(bins: Int = Self.defaultBins, range: ClosedRange<Double> = 0...1) {
        counts = Array(repeating: 0, count: max(1, bins))
        self.range = range.lowerBound < range.upperBound ? range : range.lowerBound - 0.5...range.upperBound + 0.5
    }

    /// The histogram of values known only once all are read (an expression's): over 0…1 when
    /// they all fall there, else from the smallest to the largest.
    init(values: [Double], missing: Int, bins: Int = Self.defaultBins) {
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        self.init(bins: bins, range: low >= 0 && high <= 1 ? 0...1 : low...high)
        for value in values { add(value) }
        self.missing += missing
    }

    /// Bin `i` holds [low + i·w, low + (i+1)·w); the last one holds the top of the range too.
    /// Values outside the range go to the nearest end; nil and NaN count as missing.
    mutating func add(_ value: Double?) {
        guard let value, !value.isNaN else {
            missing += 1
            return
        }
        counts[bin(of: value)] += 1
    }

    func bin(of value: Double) -> Int {
        let share = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        guard share > 0 else { return 0 }
        return min(counts.count - 1, Int(share * Double(counts.count)))
    }

    var total: Int { counts.reduce(0, +) }
    var largest: Int { counts.max() ?? 0 }
}
