/// The points a worker claims from a queued run, a batch at a time, as the executor asks for them
/// (`WorkQueue.claimPoints`). Each claim starts after the last point this worker claimed, and
/// from the start of the plan only when that finds nothing (points taken back from other workers
/// lie behind it). Ends when a claim from the start finds nothing pending.
struct ClaimedPointFeed: PointFeed {
    let queue: any WorkQueue
    let runID: Int64
    let worker: Int64
    let heads: PlanHeads
    /// Points claimed at once: enough for the executor to keep its requests in flight.
    let batchSize: Int
    let lease: Double

    private var page: [StoredPoint] = []
    private var position = 0
    private var finished = false
    /// The last point claimed: the next claim starts after it.
    private var after = -1
    /// Claims made, points they took, and the time the database spent on them.
    private(set) var claims = 0
    private(set) var claimed = 0
    private(set) var claimSeconds = 0.0

    init(queue: any WorkQueue, runID: Int64, worker: Int64, heads: PlanHeads, batchSize: Int, lease: Double) {
        self.queue = queue
        self.runID = runID
        self.worker = worker
        self.heads = heads
        self.batchSize = batchSize
        self.lease = lease
    }

    mutating func next() async throws -> PlanPoint? {
        if position == page.count {
            guard !finished else { return nil }
            page = try await claim(after: after)
            if page.isEmpty, after >= 0 { page = try await claim(after: -1) }
            position = 0
            guard let last = page.last else {
                finished = true
                return nil
            }
            after = last.index
        }
        defer { position += 1 }
        return PlanPoint.toSend(page[position], heads: heads)
    }

    private mutating func claim(after: Int) async throws -> [StoredPoint] {
        let claim = try await queue.claimPoints(
            runID: runID, worker: worker, after: after, limit: batchSize, lease: lease)
        claimSeconds += claim.databaseSeconds
        claims += 1
        claimed += claim.points.count
        return claim.points
    }
}
