/// Results, log entries and points sent, waiting to be written, and when they are due: pure, so
/// the batching policy is tested without a database or a clock.
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
    /// Points whose first request went out since the last write (their state becomes `sent`).
    private(set) var sent: [Int] = []
    /// When the oldest waiting row arrived (seconds on the caller's clock).
    private var oldest: Double?

    init(dueRows: Int = 32, maxAge: Double = 0.1) {
        self.dueRows = dueRows
        self.maxAge = maxAge
    }

    var isEmpty: Bool { results.isEmpty && logs.isEmpty && sent.isEmpty }
    var count: Int { results.count + logs.count }

    mutating func add(_ result: ResultRow, now: Double) {
        results.append(result)
        oldest = oldest ?? now
    }

    mutating func add(_ log: LogRow, now: Double) {
        logs.append(log)
        oldest = oldest ?? now
    }

    /// A point sent: written with the next batch, never alone (it does not make a batch due).
    mutating func addSent(_ pointIndex: Int) {
        sent.append(pointIndex)
    }

    func isDue(now: Double) -> Bool {
        guard let oldest else { return false }
        return count >= dueRows || now - oldest >= maxAge
    }

    /// Everything waiting, leaving the batch empty. A point whose result is in the batch is not
    /// also marked sent (one statement must not change a point twice).
    mutating func take() -> RunWrite {
        defer {
            results = []
            logs = []
            sent = []
            oldest = nil
        }
        var answered = Set<Int>()
        for row in results { if let index = row.pointIndex { answered.insert(index) } }
        return RunWrite(
            logs: logs, results: results, sent: answered.isEmpty ? sent : sent.filter { !answered.contains($0) })
    }

    /// Puts rows whose write failed back in front, in their order, so they go first next time.
    mutating func putBack(_ taken: RunWrite, since: Double) {
        results = taken.results + results
        logs = taken.logs + logs
        sent = taken.sent + sent
        if !isEmpty { oldest = min(oldest ?? since, since) }
    }
}
