import AthanorTestSupport
import Foundation
import Testing

/// `:set max_cost` at the prompt: a sweep estimated above it is refused unsent, and the session goes on.
@Suite struct MaxCostPromptTests {
    @Test func aSweepAboveTheBudgetIsRefusedAndOneWithinItRuns() async throws {
        let repl = try await ReplSessionTests.Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter("model mini = \"openai/gpt-4o-mini\" { max_tokens: 3 }")
        try repl.expect("[2]> ")
        repl.enter(":set max_cost 0.000001")
        try repl.expect("[3]> ")
        repl.enter("sweep greet { models: [mini], vars: { n: [1, 2] }, prompt: \"Say hi {{n}}\" }")
        try repl.expect("above max_cost $0.000001; nothing was sent")
        try repl.expect("[4]> ")
        #expect(try await repl.bench.simulator.stats().chatRequests == 0)
        repl.enter(":set max_cost 1")
        try repl.expect("[5]> ")
        repl.enter("sweep greet { models: [mini], vars: { n: [1, 2] }, prompt: \"Say hi {{n}}\" }")
        try repl.expect("completed")
        try repl.expect("[6]> ")
        #expect(try await repl.bench.simulator.stats().chatRequests == 2)
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }
}
