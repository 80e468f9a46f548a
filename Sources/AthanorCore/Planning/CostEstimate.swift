import Foundation

/// What a plan would cost at most, before anything is sent.
///
/// Prompt tokens are estimated from the filled messages' text: per message ⌈characters ÷ 4⌉ plus
/// `messageOverhead` (role and framing), plus `requestOverhead` per request; a conversation's later
/// turn also carries the turns before it, each earlier answer counted at its `max_tokens`.
/// Completion tokens are each request's `max_tokens`, all of them, so the figure is an upper bound
/// for the answers. A scoring chain counts as many requests as it may send (`requestsAtMost`),
/// each with the whole continuation as prefill.
/// Prices are USD per million tokens by model id; a model without a price is named in
/// `unpricedModels` and its requests add nothing to `dollars`.
public struct CostEstimate: Sendable, Hashable {
    public static let charactersPerToken = 4
    public static let messageOverhead = 4
    public static let requestOverhead = 3

    /// USD for the requests whose model has a price.
    public var dollars: Double
    public var promptTokens: Int
    public var completionTokens: Int
    /// Requests whose model has a price.
    public var pricedRequests: Int
    /// Model ids with no known price, sorted.
    public var unpricedModels: [String]

    public init(
        dollars: Double = 0, promptTokens: Int = 0, completionTokens: Int = 0, pricedRequests: Int = 0,
        unpricedModels: [String] = []
    ) {
        self.dollars = dollars
        self.pricedRequests = pricedRequests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.unpricedModels = unpricedModels
    }

    /// Estimated tokens of messages, without the request's overhead.
    public static func tokens(of messages: [ChatMessage]) -> Int {
        messages.reduce(0) { total, message in
            total + (message.content.count + charactersPerToken - 1) / charactersPerToken + messageOverhead
        }
    }

    /// The estimate for every request of every point, each model priced on its own server
    /// (`ModelFacts.key`). A cancelled task stops early (a huge sweep is not held up by its
    /// estimate), with the points counted so far.
    public static func of(_ points: some Sequence<PlanPoint>, prices: [String: ModelPrice]) -> CostEstimate {
        of(points, facts: ModelFacts(prices: prices))
    }

    public static func of(_ points: some Sequence<PlanPoint>, facts: ModelFacts) -> CostEstimate {
        var estimate = CostEstimate()
        var unpriced: Set<String> = []
        for (counted, point) in points.enumerated() {
            if counted % 4096 == 4095, Task.isCancelled { break }
            var conversation = 0  // the turns before this one, answers at their max_tokens
            // A scoring chain sends its turn up to once per byte of the continuation, each time
            // with at most the whole continuation as prefill and one token back.
            let sends = point.score == nil ? 1 : point.requestsAtMost
            let prefill = point.score.map { tokens(of: [ChatMessage(role: .assistant, content: $0)]) } ?? 0
            for turn in point.turns {
                let completion = max(0, turn.parameters.maxTokens) * sends
                let prompt = (requestOverhead + conversation + tokens(of: turn.messages) + prefill) * sends
                conversation += tokens(of: turn.messages) + completion + messageOverhead
                estimate.promptTokens += prompt
                estimate.completionTokens += completion
                if let price = facts.price(of: turn.model) {
                    estimate.dollars +=
                        (Double(prompt) * price.promptPerMillion + Double(completion) * price.completionPerMillion)
                        / 1_000_000
                    estimate.pricedRequests += sends
                } else {
                    unpriced.insert(ModelFacts.key(turn.model.id, endpoint: turn.model.endpoint))
                }
            }
        }
        estimate.unpricedModels = unpriced.sorted()
        return estimate
    }

    /// Two estimates together (a script's plans).
    public static func + (left: CostEstimate, right: CostEstimate) -> CostEstimate {
        CostEstimate(
            dollars: left.dollars + right.dollars, promptTokens: left.promptTokens + right.promptTokens,
            completionTokens: left.completionTokens + right.completionTokens,
            pricedRequests: left.pricedRequests + right.pricedRequests,
            unpricedModels: Array(Set(left.unpricedModels).union(right.unpricedModels)).sorted())
    }

    /// Whether every request's model has a price.
    public var isComplete: Bool { unpricedModels.isEmpty }

    /// "≈ $0.0123 (at most, with max_tokens)", with "; cost unknown for MODEL" for unpriced models,
    /// or "cost unknown (no price for MODEL)" when none is priced.
    public var text: String {
        guard isComplete || pricedRequests > 0 else {
            return "cost unknown (no price for \(unpricedModels.joined(separator: ", ")))"
        }
        var text = "≈ \(Self.format(dollars)) (at most, with max_tokens)"
        if !isComplete { text += "; cost unknown for \(unpricedModels.joined(separator: ", "))" }
        return text
    }

    /// USD with three significant digits below a dollar, trailing zeros dropped: "$0.0123",
    /// "$0.00000688", "$0.000001"; cents from a dollar up: "$12.50".
    public static func format(_ dollars: Double) -> String {
        guard dollars > 0, dollars.isFinite else { return "$0" }
        if dollars >= 1 { return String(format: "$%.2f", dollars) }
        let decimals = min(12, max(2, Int(-floor(log10(dollars))) + 2))
        var digits = String(format: "%.\(decimals)f", dollars)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return "$" + digits
    }

    public var jsonValue: JSONValue {
        [
            "usd_at_most": .number(dollars), "prompt_tokens": .number(Double(promptTokens)),
            "completion_tokens_at_most": .number(Double(completionTokens)),
            "unpriced_models": .array(unpricedModels.map(JSONValue.string)), "text": .string(text),
        ]
    }
}
