import AthanorCore

/// One scripted answer: when `match` appears in the prompt (and `model` in the model id), answer this.
public struct ScenarioRule: Sendable, Equatable {
    /// Case-insensitive substring of the last user message.
    public var match: String {
        didSet { lowercasedMatch = LowercasedText(match) }
    }
    /// Optional case-insensitive substring of the requested model id.
    public var model: String? {
        didSet { lowercasedModel = model.map(LowercasedText.init) }
    }
    public var answer: String
    /// Probability of the answer's first token; nil means the scenario's default.
    public var confidence: Double?
    /// First-token alternatives, most likely first; they share most of the remaining mass.
    public var alternatives: [String]
    /// A fault to inject whenever this rule answers.
    public var fault: SimulatedFault?
    /// `match` and `model` lower-cased once, not for every request.
    private var lowercasedMatch: LowercasedText
    private var lowercasedModel: LowercasedText?

    public init(
        match: String, model: String? = nil, answer: String, confidence: Double? = nil,
        alternatives: [String] = [], fault: SimulatedFault? = nil
    ) {
        self.match = match
        self.model = model
        self.answer = answer
        self.confidence = confidence
        self.alternatives = alternatives
        self.fault = fault
        lowercasedMatch = LowercasedText(match)
        lowercasedModel = model.map(LowercasedText.init)
    }

    /// Whether `match` occurs in the prompt and `model`, if any, in the model id; both lower-cased
    /// by the caller, once for all rules.
    func matches(prompt: LowercasedText, model requestedModel: LowercasedText) -> Bool {
        guard lowercasedMatch.isContained(in: prompt) else { return false }
        guard let lowercasedModel else { return true }
        return lowercasedModel.isContained(in: requestedModel)
    }

    init(json: JSONValue, index: Int) throws(SimulatorError) {
        func problem(_ text: String) -> SimulatorError {
            .invalidScenario("rule \(index + 1) \(text)")
        }
        guard json.objectValue != nil else { throw problem("is not an object") }
        guard let match = json["match"]?.stringValue, !match.isEmpty else {
            throw problem("needs a non-empty string \"match\"")
        }
        guard let answer = json["answer"]?.stringValue else { throw problem("needs a string \"answer\"") }
        self.match = match
        self.answer = answer
        model = json["model"]?.stringValue
        confidence = json["confidence"]?.doubleValue
        if let confidence, !(confidence > 0 && confidence <= 1) {
            throw problem("has confidence \(confidence); it must be in (0, 1]")
        }
        alternatives = (json["alternatives"]?.arrayValue ?? []).compactMap(\.stringValue)
        lowercasedMatch = LowercasedText(match)
        lowercasedModel = model.map(LowercasedText.init)
        if let name = json["fault"]?.stringValue {
            guard let fault = SimulatedFault(rawValue: name) else {
                throw problem("names an unknown fault \"\(name)\"; known: \(SimulatedFault.knownNames)")
            }
            self.fault = fault
        } else {
            fault = nil
        }
    }
}
