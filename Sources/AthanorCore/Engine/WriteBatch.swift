/// Results and log entries waiting to be written, and when they are due: pure, so the batching
/// policy is tested without a database or a clock.
///
/// A batch is due when it holds `maxRows` rows or its oldest row has waited `maxAge` seconds, so a
/// fast sweep writes few large statements and a slow one still shows each result within 100 ms.
struct WriteBatch: Sendable {
    let maxRows: Int
    let maxAge: Double

    private(set) var results: [ResultRow] = []
    private(set) var logs: [LogRow] = []
    /// When the oldest waiting row arrived (seconds on the caller's clock).
    private var oldest: Double?

    init(maxRows: Int = 128, maxAge: Double = 0.1) {
        self.maxRows = maxRows
        self.maxAge = maxAge
    }

    var isEmpty: Bool { results.isEmpty && logs.isEmpty }
    var count: Int { results.count + logs.count }

    mutating func add(_ result: ResultRow, now: Double) {
        results.append(result)
        oldest = oldest ?? now
    }

    mutating func add(_ log: LogRow, now: Double) {
        logs.append(log)
        oldest = oldest ?? now
    }

    func isDue(now: Double) -> Bool {
        guard let oldest else { return false }
        return count >= maxRows || now - oldest >= maxAge
    }

    /// Everything waiting, leaving the batch empty.
    mutating func take() -> (results: [ResultRow], logs: [LogRow]) {
        defer {
            results = []
            logs = []
            oldest = nil
        }
        return (results, logs)
    }

    /// Puts rows whose write failed back in front, in their order, so they go first next time.
    mutating func putBack(_ taken: (results: [ResultRow], logs: [LogRow]), since: Double) {
        results = taken.results + results
        logs = taken.logs + logs
        if !isEmpty { oldest = min(oldest ?? since, since) }
    }
}
