/// The rows of one statement, copied out of libpq so no C memory outlives the call.
///
/// Values are PostgreSQL's text format (`t`/`f`, `{1,2}`, JSON text); typed reading happens above.
public struct QueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows inserted, updated or deleted, for statements that report it; 0 otherwise.
    public var affectedRows: Int

    public init(columns: [String] = [], rows: [[String?]] = [], affectedRows: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// The position of a column by name.
    public func index(of column: String) -> Int? {
        columns.firstIndex(of: column)
    }

    /// The first column of the first row: for `RETURNING id` and `SELECT count(*)`.
    public var scalar: String? {
        rows.first?.first ?? nil
    }
}
