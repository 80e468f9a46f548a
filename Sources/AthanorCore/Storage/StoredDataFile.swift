/// A data file a stored session read (`RunStore.storeDataFiles`), read back for a replay.
public struct StoredDataFile: Sendable, Hashable {
    /// The position of the cell that read it (nil when no cell is known).
    public var cellPosition: Int?
    public var read: DataFileRead
    /// SHA-256 of the content's UTF-8 bytes, 64 hex digits.
    public var sha256: String

    public init(cellPosition: Int?, read: DataFileRead, sha256: String) {
        self.cellPosition = cellPosition
        self.read = read
        self.sha256 = sha256
    }
}
