import AthanorCore
import OpenRouter

/// The model lists of the servers a command plans for, each read once (the process's own from
/// the day-old cache, else one request to `/models`; a model's own `endpoint` from its `/models`)
/// and kept for the command's life: prices for cost estimates, and which models say they cannot
/// return logprobs.
///
/// Planning waits at most `patience` for a listing: a server that does not answer by then leaves
/// its models unknown ("cost unknown", no warning) rather than hold the plan up.
actor ModelLists {
    /// The listing of a server: nil for the process's own, else a model's endpoint.
    private let listing: @Sendable (_ endpoint: String?) async -> ModelCache.Listing
    private let patience: Duration
    private var lists: [String?: [ModelInfo]] = [:]

    init(
        patience: Duration = .seconds(3),
        listing: @escaping @Sendable (_ endpoint: String?) async -> ModelCache.Listing
    ) {
        self.listing = listing
        self.patience = patience
    }

    /// What the lists of `endpoints` say, keyed by `ModelFacts.key`.
    func facts(endpoints: [String?]) async -> ModelFacts {
        var facts = ModelFacts()
        for endpoint in endpoints {
            for model in await models(of: endpoint) {
                let key = ModelFacts.key(model.id, endpoint: endpoint)
                if let prompt = model.promptPricePerMillion, let completion = model.completionPricePerMillion {
                    facts.prices[key] = ModelPrice(promptPerMillion: prompt, completionPerMillion: completion)
                }
                if model.lacksLogprobs { facts.withoutLogprobs.insert(key) }
            }
        }
        return facts
    }

    private func models(of endpoint: String?) async -> [ModelInfo] {
        if let known = lists[endpoint] { return known }
        let listing = self.listing
        let patience = self.patience
        let models = await withTaskGroup(of: [ModelInfo]?.self) { group in
            group.addTask { await listing(endpoint).models }
            group.addTask {
                try? await Task.sleep(for: patience)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
        lists[endpoint] = models
        return models
    }
}
