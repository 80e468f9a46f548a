import Foundation
import Synchronization

/// Counts a run's finished points, failures, tokens and cost for the progress line; called from
/// the executor's loop as each point finishes.
final class ProgressCounter: Sendable {
    private struct State {
        var done = 0
        var failures = 0
        var tokens = 0
        var cost = 0.0
    }

    private let state: Mutex<State>
    private let runID: Int64
    private let total: Int
    private let output: any CellOutput

    init(runID: Int64, total: Int, done: Int, output: any CellOutput) {
        self.runID = runID
        self.total = total
        self.output = output
        state = Mutex(State(done: done))
    }

    func record(_ result: ResultValue) {
        let snapshot = state.withLock { state in
            state.done += 1
            if result.error != nil { state.failures += 1 }
            for turn in result.turns {
                state.tokens +=
                    (turn.completion.usage?.promptTokens ?? 0) + (turn.completion.usage?.completionTokens ?? 0)
                state.cost += turn.completion.usage?.cost ?? 0
            }
            return state
        }
        output.emit(
            .progress(
                RunProgress(
                    runID: runID, done: snapshot.done, total: total, failures: snapshot.failures,
                    tokens: snapshot.tokens,
                    cost: snapshot.cost)))
    }
}
