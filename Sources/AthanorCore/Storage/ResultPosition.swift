/// Where a read of a run's results in plan order stands: the last row read, by its point's index
/// in the plan and then its row id (results of one point are read in the order they were stored).
///
/// The next page starts after it, so a read never holds more than one page, and rows stored
/// meanwhile with a later position are still read.
public struct ResultPosition: Sendable, Hashable {
    /// The point's index in the plan (0 for a row without one, as `ResultValue` reads it).
    public var pointIndex: Int
    /// The result row's id.
    public var rowID: Int64

    public init(pointIndex: Int, rowID: Int64) {
        self.pointIndex = pointIndex
        self.rowID = rowID
    }
}
