import Foundation
import Testing

@testable import AthanorCore

@Suite struct LogprobMathTests {
    /// Position 0: " Paris" 0.6, "Paris" 0.2, " Lyon" 0.1, " paris" 0.05 (listed out of order on purpose).
    let math = LogprobMath(tokens: [
        TokenLogprob(
            token: " Paris", logprob: log(0.6),
            top: [
                .init(token: " Lyon", logprob: log(0.1)), .init(token: " Paris", logprob: log(0.6)),
                .init(token: " paris", logprob: log(0.05)), .init(token: "Paris", logprob: log(0.2)),
            ]),
        TokenLogprob(
            token: ".", logprob: log(0.5),
            top: [.init(token: ".", logprob: log(0.5)), .init(token: "!", logprob: log(0.5))]),
    ])

    @Test func probAddsUpEveryEntryThatMatchesAfterTrimming() throws {
        #expect(abs(try math.probability(of: "Paris") - 0.8) < 1e-12)
        #expect(abs(try math.probability(of: "  Paris\n") - 0.8) < 1e-12)
    }

    @Test func probIsCaseSensitive() throws {
        #expect(abs(try math.probability(of: "paris") - 0.05) < 1e-12)
    }

    @Test func absentTextHasProbabilityZeroAndNoRank() throws {
        #expect(try math.probability(of: "Rome") == 0)
        #expect(try math.rank(of: "Rome") == nil)
        #expect(try math.logprob(of: "Rome") == -.infinity)
    }

    @Test func rankSortsTheTopListItself() throws {
        #expect(try math.rank(of: "Paris") == 1)
        #expect(try math.rank(of: "Lyon") == 3)
        #expect(try math.rank(of: "!", at: 1) == 1 || (try math.rank(of: "!", at: 1)) == 2)
    }

    @Test func probExactDoesNotTrimOrAddUp() throws {
        #expect(abs(try math.exactProbability(of: "Paris") - 0.2) < 1e-12)
        #expect(abs(try math.exactProbability(of: " Paris") - 0.6) < 1e-12)
        #expect(try math.exactProbability(of: "Paris ") == 0)
    }

    @Test func logprobIsTheLogOfProb() throws {
        #expect(abs(try math.logprob(of: "Paris") - log(0.8)) < 1e-12)
    }

    @Test func entropyInNatsOverTheListedEntries() throws {
        // Two equal halves: ln 2.
        #expect(abs(try math.entropy(at: 1) - log(2)) < 1e-12)
        let expected = -[0.6, 0.2, 0.1, 0.05].reduce(0) { $0 + $1 * log($1) }
        #expect(abs(try math.entropy(at: 0) - expected) < 1e-12)
    }

    @Test func perplexityIsExpOfMinusTheMeanLogprob() {
        let expected = exp(-(log(0.6) + log(0.5)) / 2)
        #expect(abs(math.perplexity() - expected) < 1e-12)
        #expect(LogprobMath(tokens: []).perplexity() == 1)
    }

    @Test func positionsPastTheEndAreAnErrorThatSaysSo() {
        #expect(throws: LogprobMath.Failure.positionOutOfRange(position: 2, count: 2)) {
            try math.probability(of: "x", at: 2)
        }
        let message = LogprobMath.Failure.positionOutOfRange(position: 2, count: 2).description
        #expect(message.contains("positions 0 to 1"))
    }

    @Test func aTokenWithoutATopListStandsAlone() throws {
        let bare = LogprobMath(tokens: [TokenLogprob(token: " Yes", logprob: log(0.7))])
        #expect(abs(try bare.probability(of: "Yes") - 0.7) < 1e-12)
        #expect(try bare.rank(of: "Yes") == 1)
    }
}
