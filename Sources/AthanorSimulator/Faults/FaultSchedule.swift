/// Decides which requests fail at random, reproducibly.
///
/// The draw for the n-th chat request depends only on `seed` and n, never on the clock or
/// on thread timing, so a test that sets `--fault-rate 429=0.1 --seed 7` sees the same
/// failures at the same positions in every run (`POST /sim/reset` restarts the count).
public struct FaultSchedule: Sendable, Equatable {
    public struct Rate: Sendable, Equatable {
        public var fault: SimulatedFault
        public var probability: Double

        public init(fault: SimulatedFault, probability: Double) {
            self.fault = fault
            self.probability = probability
        }
    }

    /// Tried in this order; probabilities add up, so `429=0.1 500=0.1` fails 20% of requests.
    public var rates: [Rate]
    public var seed: UInt64

    public init(rates: [Rate] = [], seed: UInt64 = 1) {
        self.rates = rates
        self.seed = seed
    }

    public func fault(forRequest number: UInt64) -> SimulatedFault? {
        guard !rates.isEmpty else { return nil }
        var hash = StableHash()
        hash.combine(seed)
        hash.combine(number)
        var generator = SplitMix64(seed: hash.value)
        let draw = generator.nextUnit()
        var cumulative = 0.0
        for rate in rates {
            cumulative += rate.probability
            if draw < cumulative { return rate.fault }
        }
        return nil
    }

    /// Parses one `KIND=P` argument, e.g. `429=0.1`.
    public static func parseRate(_ text: String) throws(SimulatorError) -> Rate {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw .invalidArgument("--fault-rate expects KIND=P, e.g. 429=0.1; got \"\(text)\".")
        }
        guard let fault = SimulatedFault(rawValue: parts[0]) else {
            throw .invalidArgument("Unknown fault \"\(parts[0])\"; known: \(SimulatedFault.knownNames).")
        }
        guard let probability = Double(parts[1]), probability >= 0, probability <= 1 else {
            throw .invalidArgument("The probability in --fault-rate \(text) must be a number from 0 to 1.")
        }
        return Rate(fault: fault, probability: probability)
    }
}
