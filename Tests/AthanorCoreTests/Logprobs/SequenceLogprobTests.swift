import Foundation
import Testing

@testable import AthanorCore

/// `seq_logprob`/`seq_prob`: the answer's first tokens whose text is the given text, hand-computed.
@Suite struct SequenceLogprobTests {
    /// " New" 0.5, " York" 0.8, "." 0.9: the answer " New York.".
    let newYork = LogprobMath(tokens: [
        TokenLogprob(token: " New", logprob: log(0.5)), TokenLogprob(token: " York", logprob: log(0.8)),
        TokenLogprob(token: ".", logprob: log(0.9)),
    ])

    @Test func theFirstTokensThatSpellTheTextAreAddedUp() throws {
        #expect(abs(try #require(try newYork.sequenceLogprob(of: "New York")) - log(0.4)) < 1e-12)
        #expect(abs(try #require(try newYork.sequenceProbability(of: "New York")) - 0.4) < 1e-12)
        #expect(abs(try #require(try newYork.sequenceProbability(of: "New York.")) - 0.36) < 1e-12)
        #expect(abs(try #require(try newYork.sequenceProbability(of: "New")) - 0.5) < 1e-12)
    }

    @Test func whiteSpaceAtTheEndsOfTheTextIsIgnored() throws {
        #expect(abs(try #require(try newYork.sequenceProbability(of: "  New York \n")) - 0.4) < 1e-12)
        #expect(abs(try #require(try newYork.sequenceProbability(of: " New York")) - 0.4) < 1e-12)
    }

    @Test func aTextThatEndsInsideATokenIsNull() throws {
        #expect(try newYork.sequenceLogprob(of: "New Y") == nil)
        #expect(try newYork.sequenceProbability(of: "Ne") == nil)
    }

    @Test func anAnswerThatDoesNotStartWithTheTextIsNull() throws {
        #expect(try newYork.sequenceLogprob(of: "York") == nil)
        #expect(try newYork.sequenceLogprob(of: "new york") == nil)
        #expect(try newYork.sequenceLogprob(of: "New  York") == nil)
        #expect(try newYork.sequenceLogprob(of: "New York. Yes") == nil)
        #expect(try LogprobMath(tokens: []).sequenceLogprob(of: "New") == nil)
    }

    @Test func leadingWhiteSpaceTokensCountInTheSum() throws {
        let math = LogprobMath(tokens: [
            TokenLogprob(token: "\n", logprob: log(0.9)), TokenLogprob(token: "Yes", logprob: log(0.5)),
        ])
        #expect(abs(try #require(try math.sequenceProbability(of: "Yes")) - 0.45) < 1e-12)
    }

    @Test func tokensThatArePartsOfACharacterMatchByTheirBytes() throws {
        // "é" is C3 A9, sent as two tokens whose text cannot hold half a character.
        let math = LogprobMath(tokens: [
            TokenLogprob(token: "caf", logprob: log(0.5)),
            TokenLogprob(token: "\u{FFFD}", logprob: log(0.4), bytes: [0xC3]),
            TokenLogprob(token: "\u{FFFD}", logprob: log(0.5), bytes: [0xA9]),
        ])
        #expect(abs(try #require(try math.sequenceProbability(of: "café")) - 0.1) < 1e-12)
        #expect(try math.sequenceProbability(of: "caf\u{FFFD}") == nil)
    }

    @Test func anEmptyTextIsAnErrorThatSaysWhatToGive() {
        #expect(throws: LogprobMath.Failure.emptySequence) { try newYork.sequenceLogprob(of: "") }
        #expect(throws: LogprobMath.Failure.emptySequence) { try newYork.sequenceProbability(of: " \n") }
        #expect(LogprobMath.Failure.emptySequence.description.contains("\"New York\""))
    }
}
