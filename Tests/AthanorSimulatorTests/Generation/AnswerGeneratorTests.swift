import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

@Suite struct AnswerGeneratorTests {
    static let scenario = Scenario(rules: [
        ScenarioRule(
            match: "capital of France", answer: "Paris is the capital of France.", confidence: 0.92,
            alternatives: ["Lyon", "Marseille"])
    ])

    func request(
        _ prompt: String = "What is the capital of France?", maxTokens: Int = 16, top: Int? = 5,
        temperature: Double? = nil, seed: Int? = nil
    ) throws -> ChatRequest {
        var body: [String: JSONValue] = [
            "model": "openai/gpt-4o-mini", "messages": [["role": "user", "content": .string(prompt)]],
            "max_tokens": .number(Double(maxTokens)),
        ]
        if let top { body["logprobs"] = true; body["top_logprobs"] = .number(Double(top)) }
        if let temperature { body["temperature"] = .number(temperature) }
        if let seed { body["seed"] = .number(Double(seed)) }
        return try ChatRequest(json: .object(body))
    }

    let generator = AnswerGenerator(scenario: scenario)

    @Test func theSameRequestGivesTheSameAnswer() throws {
        let first = generator.answer(try request("Tell me something", temperature: 1.0, seed: 3))
        let again = generator.answer(try request("Tell me something", temperature: 1.0, seed: 3))
        #expect(first == again)
    }

    @Test func anotherPromptOrSeedGivesAnotherAnswer() throws {
        let base = generator.answer(try request("Tell me something"))
        #expect(generator.answer(try request("Tell me anything")).text != base.text)
        let seeded = generator.answer(try request("What is the capital of France?", seed: 1))
        let reseeded = generator.answer(try request("What is the capital of France?", seed: 2))
        #expect(seeded.text == reseeded.text, "greedy decoding follows the script")
        #expect(seeded.tokens != reseeded.tokens, "but the logprobs and fillers depend on the seed")
    }

    @Test func theScenarioAnswersWithItsConfidenceAndAlternatives() throws {
        let answer = generator.answer(try request())
        #expect(answer.text == "Paris is the capital of France.")
        #expect(answer.finishReason == "stop")
        let first = try #require(answer.tokens.first)
        #expect(abs(exp(first.logprob) - 0.92) < 1e-9)
        #expect(first.topLogprobs.map(\.token).prefix(3) == ["Paris", "Lyon", "Marseille"])
    }

    @Test(arguments: [0, 1, 5, 20])
    func topLogprobsAreValid(top: Int) throws {
        for temperature in [nil, 0.7, 1.5] as [Double?] {
            let answer = generator.answer(try request("Say a few words", top: top, temperature: temperature, seed: 9))
            for token in answer.tokens {
                #expect(token.topLogprobs.count == top)
                #expect(token.logprob <= 0)
                let logprobs = token.topLogprobs.map(\.logprob)
                #expect(logprobs == logprobs.sorted(by: >))
                #expect(logprobs.allSatisfy { $0 <= 0 && $0.isFinite })
                #expect(logprobs.map(exp).reduce(0, +) <= 1 + 1e-9)
                #expect(Set(token.topLogprobs.map(\.token)).count == top)
                if top > 0 { #expect(token.topLogprobs.contains { $0.token == token.token }) }
            }
        }
    }

    @Test func maxTokensCutsTheAnswerWithFinishReasonLength() throws {
        let answer = generator.answer(try request(maxTokens: 3))
        #expect(answer.tokens.map(\.token) == ["Paris", " is", " the"])
        #expect(answer.finishReason == "length")
    }

    @Test func temperatureSometimesPicksAnAlternative() throws {
        let firsts = Set(
            try (0..<40).map { seed in
                try #require(generator.answer(try request(temperature: 2.0, seed: seed)).tokens.first?.token)
            })
        #expect(firsts.contains("Paris"))
        #expect(firsts.count > 1)
    }

    @Test func certaintyStillLeavesFiniteAlternatives() throws {
        let certain = AnswerGenerator(
            scenario: Scenario(rules: [ScenarioRule(match: "x", answer: "Yes", confidence: 1)]))
        let token = try #require(certain.answer(try request("x", top: 3)).tokens.first)
        #expect(token.topLogprobs.allSatisfy { $0.logprob.isFinite })
    }
}
