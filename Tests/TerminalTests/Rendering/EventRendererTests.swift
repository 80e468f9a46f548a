import Foundation
import Testing

@testable import AthanorCore
@testable import Terminal

@Suite struct EventRendererTests {
    static let tokens = [
        TokenLogprob(
            token: " Paris", logprob: log(0.9),
            top: [.init(token: " Paris", logprob: log(0.9)), .init(token: " Lyon", logprob: log(0.05))]),
        TokenLogprob(token: "\n", logprob: log(0.4), top: [.init(token: "\n", logprob: log(0.4))]),
    ]

    static func run(tokens: [TokenLogprob]?, error: String? = nil) -> RunValue {
        let request = CompletionRequest(
            model: "openai/gpt-4o-mini", messages: [ChatMessage(role: .user, content: "Capital?")])
        let completion = Completion(
            provider: "OpenAI", text: " Paris\n", finishReason: "stop", tokens: tokens,
            usage: .init(promptTokens: 5, completionTokens: 2, cost: 0.000002))
        let result = ResultValue(
            key: "model=mini", index: 0, modelName: "mini", modelID: "openai/gpt-4o-mini", variables: Record(),
            parameters: ModelParameters(), repeatIndex: 0,
            turns: error == nil ? [.init(modelName: "mini", request: request, completion: completion)] : [],
            error: error)
        return RunValue(id: 7, name: "ask", status: .completed, sessionID: 1, results: [result])
    }

    func render(_ event: CellEvent, color: Bool = false) -> String {
        EventRenderer(style: TerminalStyle(color: color, width: 80), topAlternatives: 5).render(event) ?? ""
    }

    @Test func anAnswerShowsTokensWithVisibleWhiteSpaceAndAlternatives() {
        var totals = RunTotals()
        totals.points = 1
        totals.requests = 1
        totals.promptTokens = 5
        totals.completionTokens = 2
        totals.cost = 0.000002
        totals.wallMilliseconds = 412
        let text = render(.answers(Self.run(tokens: Self.tokens), totals))
        #expect(text.contains("␣Paris  90%"))
        #expect(text.contains("␣Lyon 5.0%"))
        #expect(text.contains("↵"))
        #expect(text.contains("run 7 completed · 1 point · 5+2 tokens · $0.000002 · 412 ms"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func aConversationShowsEveryTurnsTokensUnderItsNumberAndModel() throws {
        var run = Self.run(tokens: Self.tokens)
        var second = run.results[0].turns[0]
        second.modelName = "llama"
        second.completion.tokens = [TokenLogprob(token: "Lima", logprob: log(0.7))]
        run.results[0].turns.append(second)
        let text = render(.answers(run, RunTotals()))
        let first = try #require(text.range(of: "turn 1 · mini"))
        let later = try #require(text.range(of: "turn 2 · llama"))
        #expect(text.contains("␣Paris  90%"), "the first turn's tokens are shown too")
        #expect(text.contains("Lima   70%"))
        #expect(first.lowerBound < later.lowerBound)
    }

    @Test func aScoringChainSaysTheContinuationsProbabilityOrWhereItStopped() {
        let renderer = EventRenderer(style: TerminalStyle(color: false, width: 80), topAlternatives: 5)
        var complete = ScoreChain(continuation: "New York")
        complete.take([.init(token: "New", logprob: log(0.6)), .init(token: "Los", logprob: log(0.3))])
        complete.take([.init(token: " York", logprob: log(0.5))])
        #expect(renderer.scoreLine(complete) == "P(\"New York\") = 30% (logprob -1.204) in 2 steps")
        var stopped = ScoreChain(continuation: "New York")
        stopped.take([.init(token: "New", logprob: log(0.5))])
        stopped.take([.init(token: " Jersey", logprob: log(0.6)), .init(token: " Orleans", logprob: log(0.2))])
        #expect(
            renderer.scoreLine(stopped)
                == "scoring stopped at step 2 after 3 of 8 characters: the rest is not in that step's top list, "
                + "so P(\"New York\") is below 10%")
    }

    @Test func anAggregateAssertionSaysItsValuesAsItsStoredOutcomeDoes() {
        var report = AssertionReport(
            source: "assert s: mean(prob(\"Yes\")) > 0.5 and count() > 1", runID: 7, runName: "s",
            quantifier: "once", considered: 4, passed: 0, failed: 0, errors: 1, firstErrors: [], holds: false,
            message: nil, failingRows: ResultTable(columns: [], rows: []))
        report.aggregates = [("mean(prob(\"Yes\"))", .error("no logprobs")), ("count()", .value(.number(4)))]
        #expect(
            render(.assertion(report)).contains(
                "over 4 results: mean(prob(\"Yes\")) raised an error, count() = 4"))
    }

    @Test func colourMarksProbabilityOnlyWhenAllowed() {
        let text = render(.answers(Self.run(tokens: Self.tokens), RunTotals()), color: true)
        #expect(text.contains("\u{1B}[32m Paris"), "a confident token is green")
        #expect(text.contains("\u{1B}[31m\n") || text.contains("\u{1B}[31m↵"), "an unlikely one is red")
    }

    @Test func missingLogprobsAreSaidNeverShownAsZeros() {
        let text = render(.answers(Self.run(tokens: nil), RunTotals()))
        #expect(text.contains("no logprobs from OpenAI"))
        #expect(!text.contains("0%"))
    }

    @Test func aFailedPointShowsItsError() {
        let text = render(.answers(Self.run(tokens: nil, error: "OpenRouter rejected the API key (401)"), RunTotals()))
        #expect(text.contains("error: OpenRouter rejected the API key (401)"))
    }

    @Test func recordsPrintOneFieldPerLine() {
        let text = render(.value(.record(Record(["country": .string("Peru"), "n": .number(3)]))))
        #expect(text == "country  \"Peru\"\nn        3")
    }
}
