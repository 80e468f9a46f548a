import AthanorCore
import OpenRouter

/// Model prices for cost estimates, read from the model listing once (the day-old cache, else
/// one request to the provider's `/models`) and kept for the command's life.
///
/// Planning waits at most `patience` for the listing: a provider that does not answer by then
/// leaves every model unpriced ("cost unknown") rather than hold the plan up.
actor PriceTable {
    private let listing: @Sendable () async -> ModelCache.Listing
    private let patience: Duration
    private var prices: [String: ModelPrice]?

    init(patience: Duration = .seconds(3), listing: @escaping @Sendable () async -> ModelCache.Listing) {
        self.listing = listing
        self.patience = patience
    }

    /// Prices by model id; models the listing gives no price for are absent.
    func table() async -> [String: ModelPrice] {
        if let prices { return prices }
        var table: [String: ModelPrice] = [:]
        let listing = self.listing
        let patience = self.patience
        let models = await withTaskGroup(of: [ModelInfo]?.self) { group in
            group.addTask { await listing().models }
            group.addTask {
                try? await Task.sleep(for: patience)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
        for model in models {
            guard let prompt = model.promptPricePerMillion, let completion = model.completionPricePerMillion else {
                continue
            }
            table[model.id] = ModelPrice(promptPerMillion: prompt, completionPerMillion: completion)
        }
        prices = table
        return table
    }
}
