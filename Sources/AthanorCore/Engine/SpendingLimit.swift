import Synchronization

/// A budget in USD and what has been spent against it, summed from the answers' usage cost as
/// they arrive: `--max-cost` shares one across a script's runs, `:set max_cost` gives each run
/// its own. Once spent reaches the budget, a run sends no further point.
public final class SpendingLimit: Sendable {
    public let budget: Double
    private let total = Mutex<Double>(0)

    public init(budget: Double) {
        self.budget = budget
    }

    /// USD spent so far.
    public var spent: Double { total.withLock { $0 } }

    /// Whether what was spent reached the budget (something must have been spent).
    public var isReached: Bool {
        let spent = self.spent
        return spent > 0 && spent >= budget
    }

    /// Adds an answer's cost.
    func add(_ cost: Double) {
        guard cost > 0, cost.isFinite else { return }
        total.withLock { $0 += cost }
    }

    /// "$0.00061 of $0.0005 spent".
    public var spentText: String {
        "\(CostEstimate.format(spent)) of \(CostEstimate.format(budget)) spent"
    }
}
