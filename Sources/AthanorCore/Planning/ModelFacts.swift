/// What the servers' model lists say about the models a plan uses: each one's price and whether
/// its entry says it cannot return logprobs, keyed by model id and the server it is sent to (a
/// model on its own `endpoint` is looked up in that server's list, never in OpenRouter's).
///
/// A model a list does not name is unknown: no price ("cost unknown") and no logprobs warning.
public struct ModelFacts: Sendable, Hashable {
    /// USD per million tokens, by `key(id, endpoint)`.
    public var prices: [String: ModelPrice]
    /// The `key(id, endpoint)`s whose entry lists its supported parameters without `logprobs`
    /// or `top_logprobs`.
    public var withoutLogprobs: Set<String>

    public init(prices: [String: ModelPrice] = [:], withoutLogprobs: Set<String> = []) {
        self.prices = prices
        self.withoutLogprobs = withoutLogprobs
    }

    /// The id itself for the process's own server; for a model's endpoint, the id with its base URL.
    public static func key(_ id: String, endpoint: String?) -> String {
        guard let endpoint else { return id }
        return id + " @ " + endpoint
    }

    /// The model's price: its id, else its base model (`openai/gpt-4o-mini:nitro` →
    /// `openai/gpt-4o-mini`), on its server; nil when neither is priced.
    public func price(of model: ModelHandle) -> ModelPrice? {
        Self.lookup(model, in: prices)
    }

    /// Whether the model's list entry says it does not support logprobs (its id, else its base model).
    public func lacksLogprobs(_ model: ModelHandle) -> Bool {
        withoutLogprobs.contains(Self.key(model.id, endpoint: model.endpoint))
            || Self.baseID(model.id).map { withoutLogprobs.contains(Self.key($0, endpoint: model.endpoint)) } == true
    }

    static func lookup<Value>(_ model: ModelHandle, in table: [String: Value]) -> Value? {
        if let found = table[key(model.id, endpoint: model.endpoint)] { return found }
        return baseID(model.id).flatMap { table[key($0, endpoint: model.endpoint)] }
    }

    /// `openai/gpt-4o-mini` for `openai/gpt-4o-mini:nitro`; nil for an id without a variant.
    static func baseID(_ id: String) -> String? {
        guard let base = id.split(separator: ":", maxSplits: 1).first, base.count < id.count else { return nil }
        return String(base)
    }
}
