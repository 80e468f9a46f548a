/// Where the executor takes a run's points from, one at a time and in plan order.
protocol PointFeed {
    mutating func next() async throws -> PlanPoint?
}

/// The points of a plan made now: computed one by one as they are sent.
struct PlannedPointFeed: PointFeed {
    let points: PlanPoints
    private var position = 0

    init(_ points: PlanPoints) {
        self.points = points
    }

    mutating func next() -> PlanPoint? {
        guard position < points.endIndex else { return nil }
        defer { position += 1 }
        return points[position]
    }
}

/// The points of a stored plan that have no answer yet, read a page at a time (`resume`).
struct StoredPointFeed: PointFeed {
    let store: any RunStore
    let runID: Int64
    let includeFailed: Bool
    static let pageSize = 500

    private var heads: PlanHeads?
    private var page: [StoredPoint] = []
    private var position = 0
    private var after = -1
    private var finished = false

    init(store: any RunStore, runID: Int64, includeFailed: Bool) {
        self.store = store
        self.runID = runID
        self.includeFailed = includeFailed
    }

    mutating func next() async throws -> PlanPoint? {
        if position == page.count {
            guard !finished else { return nil }
            if heads == nil { heads = try await store.planHeads(runID: runID) ?? PlanHeads() }
            page = try await store.openPoints(
                runID: runID, after: after, limit: Self.pageSize, includeFailed: includeFailed)
            position = 0
            finished = page.count < Self.pageSize
            guard let last = page.last else { return nil }
            after = last.index
        }
        defer { position += 1 }
        return PlanPoint.toSend(page[position], heads: heads ?? PlanHeads())
    }
}

extension PlanPoint {
    /// A stored point as it is sent again; a row that does not read is sent as a point with no
    /// turns: it fails, and says so.
    static func toSend(_ stored: StoredPoint, heads: PlanHeads) -> PlanPoint {
        if let point = PlanPoint(stored: stored, heads: heads) { return point }
        var identity = PointIdentity(coordinates: [:], label: stored.label)
        identity.key = stored.key
        return PlanPoint(identity: identity, index: stored.index, variables: Record(), repeatIndex: 0, turns: [])
    }
}
