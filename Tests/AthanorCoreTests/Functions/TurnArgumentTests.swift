import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// The logprob functions' `turn:`, `seq_logprob`/`seq_prob` and `repeat`, evaluated over one
/// two-turn conversation as `show` and `assert` evaluate them.
@Suite struct TurnArgumentTests {
    static func turn(_ tokens: [TokenLogprob]) -> ResultValue.Turn {
        .init(
            modelName: "m", request: CompletionRequest(model: "x/m", messages: [], parameters: ModelParameters()),
            completion: Completion(text: tokens.map(\.token).joined(), tokens: tokens))
    }

    /// Turn 1 answers " New York" (" New" 0.5 of a top list with " Los" 0.3, " York" 0.8); turn 2 "Yes" 0.7.
    let result = ResultValue(
        key: "k", index: 0, modelName: "m", modelID: "x/m", variables: Record([]), parameters: ModelParameters(),
        repeatIndex: 2,
        turns: [
            turn([
                TokenLogprob(
                    token: " New", logprob: log(0.5),
                    top: [.init(token: " New", logprob: log(0.5)), .init(token: " Los", logprob: log(0.3))]),
                TokenLogprob(token: " York", logprob: log(0.8)),
            ]),
            turn([
                TokenLogprob(
                    token: "Yes", logprob: log(0.7),
                    top: [.init(token: "Yes", logprob: log(0.7)), .init(token: "No", logprob: log(0.2))])
            ]),
        ], error: nil)

    func value(_ source: String, over chosen: ResultValue? = nil) async throws(Diagnostic) -> Value {
        let file = SourceFile(name: "test.ath", text: source)
        let parsed = Parser.parseEntry(file)
        guard case .expression(let expression)? = parsed.script.cells.first?.statements.first?.kind else {
            Issue.record("not an expression: \(source)")
            return .null
        }
        let evaluator = Evaluator(
            context: EvaluationContext(
                file: file, baseDirectory: URL(fileURLWithPath: "/"), loadRun: { _ in nil }))
        return try await evaluator.evaluate(expression, in: Scope(bindings: [:], result: chosen ?? result))
    }

    func number(_ source: String) async throws -> Double {
        guard case .number(let n) = try await value(source) else {
            Issue.record("\(source) is not a number")
            return .nan
        }
        return n
    }

    @Test func withoutTurnTheLastTurnIsRead() async throws {
        #expect(abs(try await number("prob(\"Yes\")") - 0.7) < 1e-12)
        #expect(abs(try await number("prob(\"Yes\", turn: 2)") - 0.7) < 1e-12)
    }

    @Test func turnPicksAnEarlierTurnForEveryLogprobFunction() async throws {
        #expect(abs(try await number("prob(\"New\", turn: 1)") - 0.5) < 1e-12)
        #expect(abs(try await number("logprob(\"New\", turn: 1)") - log(0.5)) < 1e-12)
        #expect(abs(try await number("prob_exact(\" Los\", turn: 1)") - 0.3) < 1e-12)
        #expect(try await number("rank(\"Los\", turn: 1)") == 2)
        #expect(abs(try await number("prob(\"York\", at: 1, turn: 1)") - 0.8) < 1e-12)
        let entropy = -(0.5 * log(0.5) + 0.3 * log(0.3))
        #expect(abs(try await number("entropy(turn: 1)") - entropy) < 1e-12)
        #expect(abs(try await number("perplexity(turn: 1)") - exp(-log(0.4) / 2)) < 1e-12)
    }

    @Test func sequencesAreScoredOverTheChosenTurn() async throws {
        #expect(abs(try await number("seq_prob(\"New York\", turn: 1)") - 0.4) < 1e-12)
        #expect(abs(try await number("seq_logprob(\"New York\", turn: 1)") - log(0.4)) < 1e-12)
        #expect(abs(try await number("seq_prob(\"Yes\")") - 0.7) < 1e-12)
        #expect(try await value("seq_prob(\"New York\")") == .null)
        #expect(try await value("seq_logprob(\"New Y\", turn: 1)") == .null)
        let guarded = "seq_prob(\"New York\") != null and seq_prob(\"New York\") > 0.5"
        #expect(try await value(guarded) == .bool(false))
    }

    @Test func anEmptySequenceIsALocatedError() async {
        do {
            _ = try await value("seq_prob(\"\")")
            Issue.record("an empty text has no score")
        } catch {
            #expect(error.message.hasPrefix("seq_prob(): the text is empty"))
            #expect(error.range.start.column == 1)
        }
    }

    @Test func aTurnOutOfRangeIsALocatedErrorWithTheNumberOfTurns() async {
        for (source, n) in [
            ("prob(\"Yes\", turn: 3)", "3"), ("rank(\"Yes\", turn: 0)", "0"), ("seq_prob(\"Yes\", turn: -1)", "-1"),
        ] {
            do {
                _ = try await value(source)
                Issue.record("\(source) has no such turn")
            } catch {
                let name = source.prefix { $0 != "(" }
                #expect(error.message == "\(name)(): turn \(n) does not exist: the result has 2 turns (1 to 2)")
                let column = source.distance(from: source.startIndex, to: source.range(of: "turn: ")!.upperBound) + 1
                #expect(error.range.start.column == column, "\(error.range)")
            }
        }
    }

    @Test func aTurnAfterTheConversationStoppedSaysWhyItStopped() async {
        var stopped = result
        stopped.turns.removeLast()
        stopped.error = "HTTP 500 from the provider"
        do {
            _ = try await value("prob(\"Yes\", turn: 2)", over: stopped)
            Issue.record("turn 2 was never answered")
        } catch {
            #expect(
                error.message
                    == "prob(): turn 2 does not exist: the result has 1 turn (1 to 1); it stopped: HTTP 500 from the provider"
            )
        }
    }

    @Test func aTurnThatIsNotAWholeNumberIsAnError() async {
        await #expect(throws: Diagnostic.self) { try await value("prob(\"Yes\", turn: 1.5)") }
        await #expect(throws: Diagnostic.self) { try await value("prob(\"Yes\", turn: \"1\")") }
    }

    @Test func repeatIsTheResultsZeroBasedRepeat() async throws {
        #expect(try await number("repeat") == 2)
    }
}
