import Foundation
import Testing

@testable import AthanorCore

@Suite struct RunComparisonTests {
    /// Old: position 0 top A .5, B .3, C .2 (sampled A); position 1 X .9, Y .1 (sampled X).
    let old = [
        TokenLogprob(
            token: "A", logprob: log(0.5),
            top: [
                .init(token: "A", logprob: log(0.5)), .init(token: "B", logprob: log(0.3)),
                .init(token: "C", logprob: log(0.2)),
            ]),
        TokenLogprob(
            token: "X", logprob: log(0.9),
            top: [.init(token: "X", logprob: log(0.9)), .init(token: "Y", logprob: log(0.1))]),
    ]
    /// New: position 0 B .5, A .3, D .2 (sampled B); position 1 X .8, Z .2; position 2 "!" only here.
    let new = [
        TokenLogprob(
            token: "B", logprob: log(0.5),
            top: [
                .init(token: "A", logprob: log(0.3)), .init(token: "B", logprob: log(0.5)),
                .init(token: "D", logprob: log(0.2)),
            ]),
        TokenLogprob(
            token: "X", logprob: log(0.8),
            top: [.init(token: "X", logprob: log(0.8)), .init(token: "Z", logprob: log(0.2))]),
        TokenLogprob(token: "!", logprob: 0, top: []),
    ]

    @Test func topOneAgreementCountsPositionsOnlyOneAnswerHasAsDisagreements() throws {
        let drift = TokenDrift(old: old, new: new)
        // Position 0: A vs B; position 1: X vs X; position 2 only in the new answer.
        #expect(drift.positions == 3)
        #expect(try #require(drift.topOneAgreement) == 1.0 / 3.0)
    }

    @Test func meanAbsoluteLogprobDeltaOfTheSampledTokensOverSharedPositions() throws {
        let drift = TokenDrift(old: old, new: new)
        // |ln .5 − ln .5| = 0 and |ln .9 − ln .8| = ln(9/8), over 2 positions.
        #expect(abs(try #require(drift.meanAbsoluteLogprobDelta) - log(9.0 / 8.0) / 2) < 1e-12)
    }

    @Test func klDivergenceOverTheSharedTopKRenormalized() throws {
        let drift = TokenDrift(old: old, new: new)
        // Position 0 shares {A, B}: P = (.625, .375), Q = (.375, .625), KL = .25 ln(5/3).
        // Position 1 shares {X}: both 1, KL 0. Mean over the two positions.
        #expect(abs(try #require(drift.meanDivergence) - 0.25 * log(5.0 / 3.0) / 2) < 1e-12)
        #expect(TokenDrift(old: old, new: old).meanDivergence == 0)
    }

    @Test func noTokensMeansNoMeasuresRatherThanZero() {
        let drift = TokenDrift(old: [], new: [])
        #expect(drift.topOneAgreement == nil)
        #expect(drift.meanAbsoluteLogprobDelta == nil)
        #expect(drift.meanDivergence == nil)
    }

    @Test func runsAreMatchedByPointKeyAndChangesListed() throws {
        let a = RunValue(
            id: 1, name: "s", status: .completed, sessionID: nil,
            results: [
                result("c=France", "Paris", old), result("c=Peru", "Lima", old), result("c=Chad", "N'Djamena", old),
            ])
        let b = RunValue(
            id: 2, name: "s", status: .completed, sessionID: nil,
            results: [
                result("c=Peru", "Lima", old), result("c=France", "Lyon", new), result("c=Japan", "Tokyo", old),
            ])
        let comparison = RunComparison(old: a, new: b)
        #expect(comparison.points.map(\.key) == ["c=France", "c=Peru", "c=Chad", "c=Japan"])
        #expect(comparison.changed.map(\.key) == ["c=France", "c=Chad", "c=Japan"])
        #expect(comparison.changedShare == 0.75)
        #expect(comparison.exceeds(tolerance: 0.5))
        #expect(!comparison.exceeds(tolerance: 0.75))
        guard case .record(let record) = comparison.value else { Issue.record("not a record"); return }
        #expect(record["changed"] == .number(3))
        #expect(record["same_output"] == .number(0.25))
        guard case .list(let changes) = record["changes"], case .record(let first) = changes.first else {
            Issue.record("no changes list"); return
        }
        #expect(first["old"] == .string("Paris"))
        #expect(first["new"] == .string("Lyon"))
        // Pooled: France 1/3 agreeing of 3 positions, Peru 2/2, Chad 2 positions old only, Japan 2 new only.
        #expect(try #require(comparison.drift.topOneAgreement) == 3.0 / 9.0)
    }

    @Test func identicalRunsDoNotDrift() {
        let a = RunValue(id: 1, name: "s", status: .completed, sessionID: nil, results: [result("k", "Paris", old)])
        let comparison = RunComparison(old: a, new: a)
        #expect(comparison.changed.isEmpty)
        #expect(!comparison.exceeds(tolerance: 0))
        #expect(comparison.drift.topOneAgreement == 1)
        #expect(comparison.drift.meanAbsoluteLogprobDelta == 0)
    }

    private func result(_ key: String, _ text: String, _ tokens: [TokenLogprob]) -> ResultValue {
        let request = CompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: key)])
        return ResultValue(
            key: key, index: 0, modelName: "m", modelID: "m", variables: Record(), parameters: ModelParameters(),
            repeatIndex: 0,
            turns: [.init(modelName: "m", request: request, completion: Completion(text: text, tokens: tokens))],
            error: nil)
    }
}
