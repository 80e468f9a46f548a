import AthanorCore
import Foundation
import Testing

@testable import Terminal

@Suite struct ProbabilityBarTests {
    @Test(arguments: [
        (1.0, "████████"), (0.0, ""), (0.5, "████"), (0.67, "█████▍"), (0.68, "█████▌"), (0.01, "▏"), (0.004, ""),
        (1.7, "████████"),
        (-0.2, ""),
    ])
    func drawsEighthsOfEightCells(probability: Double, bar: String) {
        #expect(ProbabilityBar.render(probability) == bar)
    }

    @Test func nanIsEmptyAndWidthScales() {
        #expect(ProbabilityBar.render(.nan) == "")
        #expect(ProbabilityBar.render(0.5, width: 2) == "█")
    }

    @Test func theTokenTableHasABarColumnAndHonoursTopZero() {
        let tokens = [
            TokenLogprob(token: " Paris", logprob: log(0.9), top: [.init(token: " Lyon", logprob: log(0.05))])
        ]
        let withTop = EventRenderer(style: TerminalStyle(color: false, width: 80), topAlternatives: 5).tokenTable(
            tokens)
        #expect(withTop.contains("␣Paris  90%   ███████▎  ␣Lyon 5.0%"))
        let bare = EventRenderer(style: TerminalStyle(color: false, width: 80), topAlternatives: 0).tokenTable(tokens)
        #expect(!bare.contains("Lyon"))
        #expect(bare.contains("███████▎"))
    }
}
