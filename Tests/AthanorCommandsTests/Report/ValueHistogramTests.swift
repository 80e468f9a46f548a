import Foundation
import Testing

@testable import AthanorCommands

@Suite struct ValueHistogramTests {
    @Test func valuesFallInHalfOpenBinsAndOneInTheLast() {
        var histogram = ValueHistogram(bins: 4)
        for p in [0.0, 0.24, 0.25, 0.5, 0.74, 0.75, 0.99, 1.0] { histogram.add(p) }
        #expect(histogram.counts == [2, 1, 2, 3])
        #expect(histogram.total == 8)
        #expect(histogram.largest == 3)
        #expect(histogram.missing == 0)
    }

    @Test func valuesOutsideTheRangeGoToTheNearestEndAndMissingOnesAreCountedApart() {
        var histogram = ValueHistogram(bins: 20)
        histogram.add(-0.01)
        histogram.add(1.0000001)
        histogram.add(nil)
        histogram.add(.nan)
        #expect(histogram.counts.first == 1)
        #expect(histogram.counts.last == 1)
        #expect(histogram.total == 2)
        #expect(histogram.missing == 2)
    }

    @Test func anExpressionsValuesSetTheRangeWhenTheyLeaveZeroToOne() {
        let entropy = ValueHistogram(values: [0.5, 1.5, 2.5, 2.5], missing: 1, bins: 4)
        #expect(entropy.range == 0.5...2.5)
        #expect(entropy.counts == [1, 0, 1, 2])
        #expect(entropy.missing == 1)
        let probabilities = ValueHistogram(values: [0.2, 0.4], missing: 0, bins: 4)
        #expect(probabilities.range == 0...1)
        #expect(probabilities.counts == [1, 1, 0, 0])
        let constant = ValueHistogram(values: [3, 3], missing: 0, bins: 2)
        #expect(constant.range == 2.5...3.5)
        #expect(constant.counts == [0, 2])
        let svg = HistogramSVG(title: "t", xLabel: "entropy", histogram: entropy).svg
        #expect(svg.contains(">0.5</text>") && svg.contains(">1.5</text>") && svg.contains(">2.5</text>"))
    }

    @Test func theSVGHasOneBarPerBinEvenEmptyOnes() {
        var histogram = ValueHistogram()
        histogram.add(0.93)
        histogram.add(0.91)
        histogram.add(0.12)
        let svg = HistogramSVG(title: "m <b>", xLabel: "p", histogram: histogram).svg
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 20)
        #expect(svg.contains("data-bars=\"20\""))
        #expect(svg.contains("data-total=\"3\""))
        #expect(svg.contains("data-count=\"2\""))
        #expect(svg.contains("height=\"0\""), "an empty bin is a bar of height 0")
        #expect(svg.contains("<title>m &lt;b&gt;</title>"))
        #expect(!svg.contains("<b>"))
    }

    @Test func coordinatesAreShort() {
        #expect(HistogramSVG.format(3) == "3")
        #expect(HistogramSVG.format(2.345) == "2.35")
        #expect(HistogramSVG.format(0.1 + 0.2) == "0.3")
    }
}
