/// Results and log entries waiting to be written, and when they are due: pure, so the batching
/// policy is tested without a database or a clock.
///
/// A batch is due when it holds `dueRows` rows or its oldest row has waited `maxAge` seconds, so a
/// slow sweep still shows each result within 100 ms. The recorder writes a due batch as soon as
/// the write before it has ended, so batches grow with the store's pace: a few dozen rows while it
/// keeps up, more when it falls behind, and never many left over when a run ends.
struct WriteBatch: Sendable {
    let dueRows: Int
    let maxAge: Double

    private(set) var results: [ResultRow] = []
    private(set) var logs: [LogRow] = []
    /// When the oldest waiting row arrived (seconds on the caller's clock).
    private var oldest: Double?

    init(dueRows: Int = 32, maxAge: Double = 0.1) {
        self.dueRows = dueRows
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
        return count >= dueRows || now - oldest >= maxAge
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
