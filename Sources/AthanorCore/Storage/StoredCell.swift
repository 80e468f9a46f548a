import Foundation

/// A cell as stored: its source (what replay runs again) and how it ended.
public struct StoredCell: Sendable, Hashable {
    public var id: Int64
    public var sessionID: Int64
    public var position: Int
    public var title: String?
    public var source: String
    public var status: CellStatus
    /// What the cell printed; nil while it runs.
    public var output: String?
    public var error: String?
    public var runIDs: [Int64]
    public var startedAt: Date
    public var endedAt: Date?

    public init(
        id: Int64, sessionID: Int64, position: Int, title: String?, source: String, status: CellStatus,
        output: String?, error: String?, runIDs: [Int64], startedAt: Date, endedAt: Date?
    ) {
        self.id = id
        self.sessionID = sessionID
        self.position = position
        self.title = title
        self.source = source
        self.status = status
        self.output = output
        self.error = error
        self.runIDs = runIDs
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
