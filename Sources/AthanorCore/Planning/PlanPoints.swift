/// A plan's points in order: kept in a list for asks and conversations, computed one at a time
/// for a sweep over fixed models, so that a 100,000-point sweep holds its columns, not its points.
///
/// A computed point was already computed once, and checked, when the plan was made; the executor
/// computes it again just before sending it.
public struct PlanPoints: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case listed([PlanPoint])
        case computed(SweepPointGenerator)
    }

    private let storage: Storage
    public let startIndex = 0
    public let endIndex: Int

    public init(_ points: [PlanPoint]) {
        storage = .listed(points)
        endIndex = points.count
    }

    init(_ generator: SweepPointGenerator) {
        storage = .computed(generator)
        endIndex = generator.count
    }

    public subscript(position: Int) -> PlanPoint {
        switch storage {
        case .listed(let points): points[position]
        case .computed(let generator): generator.checkedPoint(at: position)
        }
    }
}
