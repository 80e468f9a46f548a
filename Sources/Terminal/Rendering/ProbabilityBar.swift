/// A probability drawn as a bar of Unicode blocks, in eighths of a cell (`█████▍` is 0.67 of 8 cells), so
/// a column of them reads at a glance where the percentages need reading.
public enum ProbabilityBar {
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// `width` cells for a probability of 1; values outside 0…1 (or NaN) are clamped.
    public static func render(_ probability: Double, width: Int = 8) -> String {
        guard width > 0 else { return "" }
        let p = probability.isNaN ? 0 : min(1, max(0, probability))
        let total = Int((p * Double(width * 8)).rounded())
        return String(repeating: "█", count: total / 8) + eighths[total % 8]
    }
}
