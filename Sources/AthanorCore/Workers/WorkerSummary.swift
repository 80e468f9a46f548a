import Foundation

/// What a worker did, per run and in all.
public struct WorkerSummary: Sendable {
    public struct RunShare: Sendable {
        public var runID: Int64
        /// Points it finished (answered or failed) and stored while it held them; a point whose
        /// answer came after another worker took it back is counted here but not stored.
        public var finished = 0
        public var failed = 0
        public var requests = 0
        public var claims = 0
        public var claimed = 0
        /// Time the database spent on its claims.
        public var claimSeconds = 0.0
    }

    public var worker: WorkerIdentity
    public var runs: [RunShare] = []
    public var seconds = 0.0

    public var finished: Int { runs.reduce(0) { $0 + $1.finished } }
    public var claimed: Int { runs.reduce(0) { $0 + $1.claimed } }
    public var claimSeconds: Double { runs.reduce(0) { $0 + $1.claimSeconds } }

    mutating func add(_ share: RunShare) {
        runs.append(share)
    }

    /// `worker 3 (host pid 12) finished 1,000 points of run 12 in 6.1 s (164/s); claims: 0.04 ms a point`.
    public var text: String {
        let rate = seconds > 0 ? Double(finished) / seconds : 0
        let ids = runs.map { String($0.runID) }.joined(separator: ", ")
        var text = "\(worker.description) finished \(finished) point\(finished == 1 ? "" : "s")"
        if !runs.isEmpty { text += " of run\(runs.count == 1 ? "" : "s") \(ids)" }
        text += " in \(Value.format((seconds * 10).rounded() / 10)) s (\(Int(rate.rounded()))/s)"
        if claimed > 0 {
            let perPoint = (claimSeconds * 1e6 / Double(claimed)).rounded() / 1000
            text += "; claims took \(Value.format(perPoint)) ms of database time a point"
        }
        return text
    }
}
