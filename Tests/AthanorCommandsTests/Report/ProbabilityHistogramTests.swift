import Foundation
import Testing

@testable import AthanorCommands

@Suite struct ProbabilityHistogramTests {
    @Test func valuesFallInHalfOpenBinsAndOneInTheLast() {
        var histogram = ProbabilityHistogram(bins: 4)
        for p in [0.0, 0.24, 0.25, 0.5, 0.74, 0.75, 0.99, 1.0] { histogram.add(p) }
        #expect(histogram.counts == [2, 1, 2, 3])
        #expect(histogram.total == 8)
        #expect(histogram.largest == 3)
        #expect(histogram.missing == 0)
    }

    @Test func valuesOutsideTheRangeGoToTheNearestEndAndMissingOnesAreCountedApart() {
        var histogram = ProbabilityHistogram(bins: 20)
        histogram.add(-0.01)
        histogram.add(1.0000001)
        histogram.add(nil)
        histogram.add(.nan)
        #expect(histogram.counts.first == 1)
        #expect(histogram.counts.last == 1)
        #expect(histogram.total == 2)
        #expect(histogram.missing == 2)
    }

    @Test func theSVGHasOneBarPerBinEvenEmptyOnes() {
        var histogram = ProbabilityHistogram()
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
