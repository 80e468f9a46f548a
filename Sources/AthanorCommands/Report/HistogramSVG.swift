import Foundation

/// A histogram drawn as SVG text by the program (nothing is fetched or drawn at view time): one
/// `rect.bar` per bin, the empty ones too (height 0), so a reader and a test count the bins.
struct HistogramSVG {
    var title: String
    var xLabel: String
    var histogram: ValueHistogram

    static let width = 320.0
    static let height = 180.0
    private static let left = 40.0
    private static let bottom = 30.0
    private static let top = 10.0

    var svg: String {
        let counts = histogram.counts
        let plotWidth = Self.width - Self.left - 10
        let plotHeight = Self.height - Self.bottom - Self.top
        let barWidth = plotWidth / Double(counts.count)
        let largest = max(1, histogram.largest)
        var text =
            "<svg class=\"hist\" role=\"img\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" "
            + "viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" data-bars=\"\(counts.count)\" "
            + "data-total=\"\(histogram.total)\" aria-label=\"\(HTMLText.escape(title))\">"
            + "<title>\(HTMLText.escape(title))</title>"
        let baseline = Self.top + plotHeight
        for (i, count) in counts.enumerated() {
            let h = plotHeight * Double(count) / Double(largest)
            let width = histogram.range.upperBound - histogram.range.lowerBound
            let low = histogram.range.lowerBound + width * Double(i) / Double(counts.count)
            let high = histogram.range.lowerBound + width * Double(i + 1) / Double(counts.count)
            text +=
                "<rect class=\"bar\" x=\"\(Self.format(Self.left + Double(i) * barWidth + 0.5))\" "
                + "y=\"\(Self.format(baseline - h))\" width=\"\(Self.format(barWidth - 1))\" "
                + "height=\"\(Self.format(h))\" data-count=\"\(count)\">"
                + "<title>\(Self.format(low))–\(Self.format(high)): \(count)</title></rect>"
        }
        let axis = "class=\"axis\""
        text +=
            "<line \(axis) x1=\"\(Int(Self.left))\" y1=\"\(Self.format(baseline))\" "
            + "x2=\"\(Self.format(Self.left + plotWidth))\" y2=\"\(Self.format(baseline))\"/>"
            + "<line \(axis) x1=\"\(Int(Self.left))\" y1=\"\(Int(Self.top))\" x2=\"\(Int(Self.left))\" "
            + "y2=\"\(Self.format(baseline))\"/>"
        let range = histogram.range
        for tick in [0.0, 0.5, 1.0] {
            let value = range.lowerBound + tick * (range.upperBound - range.lowerBound)
            text +=
                "<text x=\"\(Self.format(Self.left + tick * plotWidth))\" y=\"\(Self.format(baseline + 14))\" "
                + "text-anchor=\"middle\">\(Self.format(value))</text>"
        }
        text +=
            "<text x=\"\(Int(Self.left - 4))\" y=\"\(Int(Self.top + 8))\" text-anchor=\"end\">\(largest)</text>"
            + "<text x=\"\(Int(Self.left - 4))\" y=\"\(Self.format(baseline))\" text-anchor=\"end\">0</text>"
            + "<text x=\"\(Self.format(Self.left + plotWidth / 2))\" y=\"\(Int(Self.height - 2))\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text></svg>"
        return text
    }

    /// Up to two decimals, without trailing zeros: short coordinates keep the file small.
    static func format(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
