import AthanorCore

/// A failure talking to PostgreSQL, written for the person reading it.
///
/// It carries the SQL text that failed but never the values bound to it: results hold model output and
/// metadata we do not want echoed into terminals or logs. For the same reason the server's DETAIL field
/// (which quotes row values, e.g. the duplicate key) is kept out of `description`.
public struct DatabaseError: StoreFailure, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure; extensible like an enum without breaking `switch`es elsewhere.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public var description: String { name }

        /// The server could not be reached or refused us (bad URL, no server, authentication).
        public static let connectionFailed = Code(name: "connectionFailed")
        /// The connection broke during a statement and could not be re-established.
        public static let connectionLost = Code(name: "connectionLost")
        /// The server rejected the statement.
        public static let queryFailed = Code(name: "queryFailed")
        /// SQLSTATE 23505: a unique constraint would be violated.
        public static let uniqueViolation = Code(name: "uniqueViolation")
        /// SQLSTATE 57014: the statement was cancelled on request.
        public static let cancelled = Code(name: "cancelled")
        /// The server answered something we did not expect (wrong shape, unparsable value).
        public static let badResponse = Code(name: "badResponse")
        /// A row that must exist (for an update) does not.
        public static let notFound = Code(name: "notFound")
        /// The database was migrated by a newer athanor than this one.
        public static let schemaTooNew = Code(name: "schemaTooNew")
    }

    public var code: Code
    /// The five-character SQLSTATE when the server sent one; nil for client-side failures.
    public var sqlState: String?
    /// The primary message, from the server or from us.
    public var message: String
    /// The statement that failed (with `$n` placeholders, never their values).
    public var sql: String?

    public init(code: Code, sqlState: String? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    /// The server is out of reach (not: it refused the statement), so trying again later may work.
    public var isConnectionFailure: Bool { code == .connectionLost || code == .connectionFailed }

    public var description: String {
        switch code {
        case .connectionFailed: "Could not connect to PostgreSQL: \(message)"
        case .connectionLost: "Lost the connection to PostgreSQL: \(message)"
        case .schemaTooNew: message
        default: "Database error: \(message)"
        }
    }

    public var debugDescription: String {
        var text = "DatabaseError(\(code)"
        if let sqlState { text += ", sqlstate \(sqlState)" }
        text += "): \(message)"
        if let sql { text += "\n  in: \(sql)" }
        return text
    }
}
