import AthanorCore
import Testing

@Suite struct UsableLogprobsTests {
    func answer(_ text: String, _ tokens: [TokenLogprob]?) -> Completion {
        Completion(text: text, tokens: tokens)
    }

    @Test func tokensWithFiniteLogprobsAtMostZeroAreUsable() {
        let tokens = [
            TokenLogprob(token: "Par", logprob: -0.01, top: [.init(token: "Lon", logprob: -5)]),
            TokenLogprob(token: "is", logprob: 0),
        ]
        #expect(answer("Paris", tokens).hasUsableLogprobs)
        #expect(answer("", []).hasUsableLogprobs, "an empty answer has no token to carry")
    }

    @Test func noLogprobsOrNoTokensForATextAreNot() {
        #expect(!answer("Paris", nil).hasUsableLogprobs)
        #expect(!answer("Paris", []).hasUsableLogprobs)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 0.5])
    func aLogprobThatIsNoLogProbabilityIsNot(value: Double) {
        #expect(!answer("a", [TokenLogprob(token: "a", logprob: value)]).hasUsableLogprobs)
        let alternative = TokenLogprob(token: "a", logprob: -1, top: [.init(token: "b", logprob: value)])
        #expect(!answer("a", [alternative]).hasUsableLogprobs)
    }
}
