/// The points a worker claims from a queued run, a batch at a time, as the executor asks for them
/// (`WorkQueue.claimPoints`). Ends when a claim finds nothing pending.
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
            let claim = try await queue.claimPoints(runID: runID, worker: worker, limit: batchSize, lease: lease)
            page = claim.points
            claimSeconds += claim.databaseSeconds
            claims += 1
            claimed += page.count
            position = 0
            if page.isEmpty {
                finished = true
                return nil
            }
        }
        defer { position += 1 }
        return PlanPoint.toSend(page[position], heads: heads)
    }
}
