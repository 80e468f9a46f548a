import AthanorTestSupport
import Foundation
import Testing

/// `turn:`, `seq_logprob`/`seq_prob` and `repeat` over a real conversation run: the binary, the
/// simulator over loopback, PostgreSQL.
@Suite struct TurnScoringTests {
    static let conversation = """
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep chat {
          models: [mini]
          prompt: "You answer briefly."
          turns:  ["Tell me a story.", "Go on."]
          repeat: 2
        }

        """

    @Test func earlierTurnsAreScoredAndRepeatIsShown() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "turns.ath",
            Self.conversation + """
                assert chat: seq_logprob(turns[0].output, turn: 1) == turns[0].tokens[0].logprob + turns[0].tokens[1].logprob "turn 1 scored"
                assert chat: prob(turns[0].tokens[0].text, turn: 1) == turns[0].tokens[0].prob "turn 1 read"
                assert chat: seq_prob(turns[0].output + " and more", turn: 1) == null "longer than the answer"
                show chat: repeat, seq_prob(turns[1].output, turn: 2) > 0
                """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(!result.standardOutput.contains("✗"), "\(result.standardOutput)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.contains(["repeat", "seq_prob(turns[1].output,", "turn:", "2)", ">", "0"]))
        #expect(lines.contains(["0", "true"]) && lines.contains(["1", "true"]), "\(result.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 4)
    }

    @Test func aTurnTheConversationDoesNotHaveIsALocatedError() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("late.ath", Self.conversation + "assert chat: prob(\"Paris\", turn: 3) > 0.5\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status != 0)
        let all = result.standardOutput + result.standardError
        #expect(all.contains("prob(): turn 3 does not exist: the result has 2 turns (1 to 2)"), "\(all)")
        #expect(all.contains("0 of 2 held (needs all), 2 raised an error"), "\(all)")
    }
}
