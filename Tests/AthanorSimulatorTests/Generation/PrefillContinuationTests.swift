import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

/// The simulator continues an assistant prefill that ends with the script's first tokens, as a
/// scoring chain needs (docs/simulator.md).
@Suite struct PrefillContinuationTests {
    let generator = AnswerGenerator(
        scenario: Scenario(rules: [
            ScenarioRule(
                match: "largest city", answer: "New York City", confidence: 0.8, alternatives: ["Los Angeles"])
        ]))

    func request(prefill: String?, maxTokens: Int = 1) throws -> ChatRequest {
        var messages: [JSONValue] = [["role": "user", "content": "What is the largest city of the USA?"]]
        if let prefill { messages.append(["role": "assistant", "content": .string(prefill)]) }
        return try ChatRequest(
            json: [
                "model": "openai/gpt-4o-mini", "messages": .array(messages), "max_tokens": .number(Double(maxTokens)),
                "logprobs": true, "top_logprobs": 20,
            ])
    }

    @Test func withoutAPrefillTheScriptStartsAtItsFirstToken() throws {
        let answer = generator.answer(try request(prefill: nil))
        #expect(answer.text == "New")
        let first = try #require(answer.tokens.first)
        #expect(abs(exp(first.logprob) - 0.8) < 1e-9)
        #expect(first.topLogprobs.contains { $0.token == "Los" })
        #expect(first.topLogprobs.count == 20)
    }

    @Test func aPrefillEndingWithTheScriptsStartIsContinued() throws {
        let second = generator.answer(try request(prefill: "New"))
        #expect(second.text == " York")
        #expect(second.finishReason == "length")
        let third = generator.answer(try request(prefill: "Well, New York", maxTokens: 5))
        #expect(third.text == " City")
        #expect(third.finishReason == "stop")
        // Deterministic: the same prefill gives the same distribution.
        #expect(generator.answer(try request(prefill: "New")) == second)
    }

    @Test func aPrefillThatIsNotTheScriptsStartLeavesTheScriptWhole() throws {
        #expect(generator.answer(try request(prefill: "The city is")).text == "New")
        #expect(AnswerGenerator.continuationStart(of: ["New", " York"], after: "New York") == 2)
        #expect(AnswerGenerator.continuationStart(of: ["New", " York"], after: "York") == 0)
        #expect(AnswerGenerator.continuationStart(of: ["New", " York"], after: nil) == 0)
    }
}
