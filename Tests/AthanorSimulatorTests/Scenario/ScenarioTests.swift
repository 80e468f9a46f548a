import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

@Suite struct ScenarioTests {
    let scenario = Scenario(rules: [
        ScenarioRule(match: "capital of France", model: "llama", answer: "Paris, says Llama"),
        ScenarioRule(match: "capital of France", answer: "Paris"),
    ])

    @Test func theFirstMatchingRuleWinsCaseInsensitively() {
        #expect(
            scenario.rule(forPrompt: "What is the CAPITAL OF FRANCE?", model: "openai/gpt-4o-mini")?.answer == "Paris")
        #expect(
            scenario.rule(forPrompt: "capital of france", model: "meta-llama/llama-3.1-8b-instruct")?.answer
                == "Paris, says Llama")
        #expect(scenario.rule(forPrompt: "capital of Spain", model: "openai/gpt-4o-mini") == nil)
    }

    @Test func onlyTheLastUserMessageIsMatched() throws {
        let request = try ChatRequest(json: [
            "messages": [
                ["role": "system", "content": "You know the capital of France."],
                ["role": "user", "content": [["type": "text", "text": "Name a colour."]]],
            ]
        ])
        #expect(request.lastUserMessage == "Name a colour.")
    }

    @Test func aFileIsReadWithFaultsAndDefaults() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json").path
        try Data(
            """
            {"rules": [{"match": "hi", "answer": "Hello", "confidence": 0.8, "alternatives": ["Hey"], "fault": "429"}],
             "default_confidence": 0.5}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try Scenario(contentsOf: path)
        #expect(loaded.defaultConfidence == 0.5)
        #expect(
            loaded.rules == [
                ScenarioRule(match: "hi", answer: "Hello", confidence: 0.8, alternatives: ["Hey"], fault: .rateLimited)
            ])
    }

    @Test func mistakesAreNamed() {
        #expect(throws: SimulatorError.self) { try Scenario(json: ["rules": [["answer": "x"]]]) }
        #expect(throws: SimulatorError.self) {
            try Scenario(json: ["rules": [["match": "a", "answer": "b", "fault": "oops"]]])
        }
        #expect(throws: SimulatorError.self) {
            try Scenario(json: ["rules": [["match": "a", "answer": "b", "confidence": 2]]])
        }
        #expect(throws: SimulatorError.self) { try Scenario(contentsOf: "/nonexistent/scenario.json") }
    }
}
