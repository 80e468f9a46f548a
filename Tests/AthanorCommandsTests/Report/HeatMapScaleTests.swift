import Testing

@testable import AthanorCommands

/// The heat-map's colours: ten steps of 0.1 on viridis, readable text on each.
@Suite struct HeatMapScaleTests {
    @Test(arguments: [
        (0.0, 0), (0.05, 0), (0.0999, 0), (0.1, 1), (0.5, 5), (0.95, 9), (1.0, 9), (1.2, 9), (-0.1, 0), (Double.nan, 0),
    ])
    func probabilitiesFallInTheirStep(probability: Double, step: Int) {
        #expect(HeatMapScale.step(probability) == step)
    }

    @Test func lightnessRisesWithProbabilitySoTheScaleReadsInGreyscale() {
        let luminances = HeatMapScale.colors.map(HeatMapScale.luminance)
        #expect(luminances.count == HeatMapScale.steps)
        #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func everyStepsTextIsReadable() {
        for step in 0..<HeatMapScale.steps {
            #expect(HeatMapScale.contrast(step: step) >= 4.5, "step \(step): WCAG AA needs 4.5")
        }
        #expect(HeatMapScale.textColor(step: 0) == "#ffffff")
        #expect(HeatMapScale.textColor(step: 9) == "#000000")
    }

    @Test func theStyleSheetHasOneRulePerStep() {
        let css = HeatMapScale.css
        for step in 0..<HeatMapScale.steps {
            #expect(css.contains(".c\(step){background:\(HeatMapScale.colors[step]);"))
        }
        #expect(!css.contains(".c10"))
    }
}
