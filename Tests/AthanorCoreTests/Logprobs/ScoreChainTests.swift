import Foundation
import Testing

@testable import AthanorCore

@Suite struct ScoreChainTests {
    private func top(_ entries: (String, Double)...) -> [TokenLogprob.Alternative] {
        entries.map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
    }

    @Test func takesTheLongestEntryThatIsAPrefixOfTheRest() {
        var chain = ScoreChain(continuation: "New York")
        let goesOn = chain.take(top(("N", 0.5), ("New", 0.2), ("Ne", 0.1), ("Newark", 0.1)))
        #expect(goesOn)
        #expect(chain.tokens.map(\.token) == ["New"])
        #expect(chain.output == "New")
        #expect(abs(chain.scoredLogprob - log(0.2)) < 1e-12)
        #expect(chain.tokens[0].top.count == 4)
    }

    @Test func aCompleteChainSumsItsSteps() {
        var chain = ScoreChain(continuation: "New York")
        chain.take(top(("New", 0.6), ("Los", 0.3)))
        let goesOn = chain.take(top((" York", 0.9), (" Jersey", 0.05)))
        #expect(!goesOn)
        #expect(chain.isComplete)
        #expect(chain.output == "New York")
        #expect(abs((chain.logprob ?? 0) - (log(0.6) + log(0.9))) < 1e-12)
        #expect(chain.upperBound == chain.logprob)
        #expect(chain.stoppedAt == nil)
        #expect(chain.jsonValue["steps"] == 2)
    }

    @Test func stopsWhenNoEntryIsAPrefixAndSaysWhereWithABound() {
        var chain = ScoreChain(continuation: "New Yorkshire")
        chain.take(top(("New", 0.6)))
        chain.take(top((" York", 0.9)))
        let goesOn = chain.take(top((" City", 0.7), (".", 0.2), ("\n", 0.05)))
        #expect(!goesOn)
        #expect(!chain.isComplete && chain.isFinished)
        #expect(chain.logprob == nil)
        #expect(chain.stoppedAt == 8)
        #expect(chain.stop?.step == 3)
        #expect(abs((chain.upperBound ?? 0) - (log(0.6) + log(0.9) + log(0.05))) < 1e-12)
        #expect(chain.output == "New York")
        #expect(chain.jsonValue["logprob"] == .null)
        #expect(chain.jsonValue["steps"] == 3)
        // A finished chain takes nothing more.
        let again = chain.take(top(("shire", 1)))
        #expect(!again)
        #expect(chain.tokens.count == 2)
    }

    @Test func atTheFirstStepWhiteSpaceBeforeTheContinuationMatches() {
        var chain = ScoreChain(continuation: "New York")
        chain.take(top((" New", 0.7), ("New", 0.1)))
        #expect(chain.tokens.first?.token == " New")
        #expect(chain.output == " New")
        chain.take(top((" York", 0.5)))
        #expect(chain.isComplete)
        #expect(chain.output == " New York")
    }

    @Test func betweenEquallyLongMatchesTheMoreLikelyWins() {
        var chain = ScoreChain(continuation: "Paris")
        chain.take(top(("Paris", 0.1), (" Paris", 0.6)))
        #expect(chain.tokens.first?.token == " Paris")
        #expect(abs((chain.logprob ?? 0) - log(0.6)) < 1e-12)
    }

    @Test func afterTheFirstStepWhiteSpaceMustMatchExactly() {
        var chain = ScoreChain(continuation: "New York")
        chain.take(top(("New", 0.6)))
        chain.take(top(("  York", 0.5), ("York", 0.3)))
        #expect(chain.stop?.step == 2)
        #expect(chain.stoppedAt == 3)
    }

    @Test func aContinuationStartingWithWhiteSpaceIsMatchedAsWritten() {
        var chain = ScoreChain(continuation: " Lima")
        chain.take(top(("  Lima", 0.5), ("Lima", 0.3)))
        #expect(chain.stop?.step == 1)
        var exact = ScoreChain(continuation: " Lima")
        exact.take(top(("Lima", 0.3), (" Lima", 0.2)))
        #expect(exact.isComplete)
    }

    @Test func entriesThatConsumeNothingAreNeverTaken() {
        var chain = ScoreChain(continuation: "Lima")
        chain.take(top((" ", 0.8), ("", 0.1)))
        #expect(chain.stop?.step == 1)
        #expect(chain.tokens.isEmpty)
    }

    @Test func bytesAreCompared() {
        var chain = ScoreChain(continuation: "Zürich")
        // A token that is half of "ü" (bytes 0xC3 0xBC) shows as U+FFFD; its bytes are the truth.
        chain.take([
            .init(token: "Z\u{FFFD}", logprob: log(0.5), bytes: [0x5A, 0xC3]),
            .init(token: "Zu", logprob: log(0.4)),
        ])
        #expect(chain.consumed == 2)
        chain.take(top(("\u{FFFD}rich", 0.1)))  // U+FFFD's own bytes are not 0xBC
        #expect(chain.stop?.step == 2)
        #expect(chain.stoppedAt == 1 || chain.stoppedAt == 2)
    }

    @Test func aStepThatStartsTheAnswerAgainIsFlagged() {
        var chain = ScoreChain(continuation: "New York")
        chain.take(top(("New", 0.6)))
        chain.take(top(("New", 0.5), (" York", 0.3)))
        #expect(chain.restarted)
        #expect(chain.isComplete)
        var fine = ScoreChain(continuation: "New York")
        fine.take(top(("New", 0.6)))
        fine.take(top((" York", 0.5)))
        #expect(!fine.restarted)
    }

    @Test func aStoredChainIsReadBackFromItsSteps() {
        func step(_ entries: [(String, Double)]) -> Completion {
            let alternatives = entries.map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
            return Completion(
                text: entries[0].0,
                tokens: [TokenLogprob(token: entries[0].0, logprob: log(entries[0].1), top: alternatives)],
                usage: .init(promptTokens: 10, completionTokens: 1, cost: 0.5), latencyMilliseconds: 3)
        }
        let steps = [step([(" New", 0.6), ("New", 0.2)]), step([(" York", 0.8)])]
        let chain = ScoreChain(continuation: "New York", steps: steps)
        #expect(chain.output == " New York")
        let completion = chain.completion(steps: steps)
        #expect(completion.text == " New York")
        #expect(completion.tokens?.count == 2)
        #expect(completion.usage?.promptTokens == 20)
        #expect(completion.usage?.cost == 1)
        #expect(completion.latencyMilliseconds == 6)
        // A step without alternatives: its sampled token alone.
        let bare = Completion(text: "Lima", tokens: [TokenLogprob(token: "Lima", logprob: log(0.9))])
        #expect(ScoreChain(continuation: "Lima", steps: [bare]).isComplete)
    }
}
