/// What one model costs, in USD per million tokens, as the cached `/models` listing gives it.
public struct ModelPrice: Sendable, Hashable {
    public var promptPerMillion: Double
    public var completionPerMillion: Double

    public init(promptPerMillion: Double, completionPerMillion: Double) {
        self.promptPerMillion = promptPerMillion
        self.completionPerMillion = completionPerMillion
    }

    /// The price for a model id from a table keyed by id: the id itself, else its base model
    /// (`openai/gpt-4o-mini:nitro` → `openai/gpt-4o-mini`); nil when neither is priced.
    public static func lookup(_ id: String, in prices: [String: ModelPrice]) -> ModelPrice? {
        ModelFacts.lookup(ModelHandle(name: id, id: id, parameters: ModelParameters()), in: prices)
    }
}
