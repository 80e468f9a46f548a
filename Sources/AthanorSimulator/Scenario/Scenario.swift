import AthanorCore
import Foundation

/// Scripted answers for the simulator, read from `--scenario FILE`.
///
/// ```json
/// {
///   "rules": [
///     {"match": "capital of France", "model": "gpt", "answer": "Paris",
///      "confidence": 0.92, "alternatives": ["Lyon", "Marseille"], "fault": "429"}
///   ],
///   "default_confidence": 0.6
/// }
/// ```
/// The first rule whose `match` is a case-insensitive substring of the **last user message**
/// (and whose optional `model` is a substring of the model id) answers. Only the last user
/// message is searched so that a long conversation or a system prompt that mentions a topic
/// does not steer every later turn. `confidence` is the probability of the answer's first
/// token; the `alternatives` take most of the rest. Requests that match no rule get a
/// deterministic sentence with `default_confidence` (0.6 when absent) on its first token.
public struct Scenario: Sendable, Equatable {
    public var rules: [ScenarioRule]
    public var defaultConfidence: Double

    public init(rules: [ScenarioRule] = [], defaultConfidence: Double = 0.6) {
        self.rules = rules
        self.defaultConfidence = defaultConfidence
    }

    public func rule(forPrompt prompt: String, model: String) -> ScenarioRule? {
        let prompt = LowercasedText(prompt), model = LowercasedText(model)
        return rules.first { $0.matches(prompt: prompt, model: model) }
    }

    public init(json: JSONValue) throws(SimulatorError) {
        guard json.objectValue != nil else { throw .invalidScenario("the top level must be an object") }
        var rules: [ScenarioRule] = []
        for (index, rule) in (json["rules"]?.arrayValue ?? []).enumerated() {
            rules.append(try ScenarioRule(json: rule, index: index))
        }
        self.rules = rules
        defaultConfidence = json["default_confidence"]?.doubleValue ?? 0.6
        guard defaultConfidence > 0, defaultConfidence <= 1 else {
            throw .invalidScenario("default_confidence must be in (0, 1]")
        }
    }

    public init(contentsOf path: String) throws(SimulatorError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableScenario(path: path, reason: error.localizedDescription)
        }
        guard let json = JSONValue(jsonData: data) else {
            throw .invalidScenario("\(path) is not valid JSON")
        }
        try self.init(json: json)
    }
}
