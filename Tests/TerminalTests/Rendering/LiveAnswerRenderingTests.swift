import AthanorCore
import Foundation
import Testing

@testable import Terminal

/// A live answer's pieces, then the rest of the answer: together exactly the whole answer's text.
@Suite struct LiveAnswerRenderingTests {
    let renderer = EventRenderer(style: TerminalStyle(color: false, width: 80), topAlternatives: 5)

    private func piece(_ tokens: [TokenLogprob], text: String? = nil, attempt: Int = 1) -> AnswerDelta {
        AnswerDelta(
            modelName: "mini", modelID: "openai/gpt-4o-mini", attempt: attempt,
            delta: CompletionDelta(
                text: text ?? tokens.map(\.token).joined(), tokens: tokens, model: "openai/gpt-4o-mini",
                provider: "OpenAI"))
    }

    @Test func piecesThenTheRestReadAsTheWholeAnswer() {
        let tokens = EventRendererTests.tokens
        let run = EventRendererTests.run(tokens: tokens)
        let live =
            renderer.renderLive(piece([tokens[0]]), opening: true)
            + renderer.renderLive(piece([tokens[1]]), opening: false)
        let rest = renderer.renderAnswers(run, RunTotals(), shownLive: true)
        let whole = renderer.renderAnswers(run, RunTotals())
        #expect(live + "\n" + rest == whole)
        #expect(live.hasPrefix("mini  openai/gpt-4o-mini · OpenAI\n  "))
        #expect(!rest.contains("mini  openai"), "the heading is not printed twice")
    }

    @Test func textWithoutTokensIsShownPlainWithVisibleLineBreaks() {
        let text = renderer.renderLive(piece([], text: "a\nb\r"), opening: false)
        #expect(text == "a↵b↵")
    }

    @Test func aRetryOpensANewHeadingThatSaysWhichAttempt() {
        let text = renderer.renderLive(piece([], text: "Hi", attempt: 2), opening: true)
        #expect(text.hasPrefix("mini  openai/gpt-4o-mini · OpenAI  (attempt 2)\n  Hi"))
    }

    @Test func tokensAreColouredAsTheyArrive() {
        let colour = EventRenderer(style: TerminalStyle(color: true, width: 80), topAlternatives: 5)
        let text = colour.renderLive(piece([EventRendererTests.tokens[0]]), opening: false)
        #expect(text.contains("\u{1B}[32m Paris"), "a confident token is green")
    }

    @Test func aFailedLiveAnswerKeepsItsErrorLine() {
        let run = EventRendererTests.run(tokens: nil, error: "The provider failed in the middle of the answer")
        let rest = renderer.renderAnswers(run, RunTotals(), shownLive: true)
        #expect(rest.hasPrefix("  error: The provider failed in the middle of the answer"))
    }
}
