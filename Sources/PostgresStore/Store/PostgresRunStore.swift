import AthanorCore

/// The `RunStore` backed by PostgreSQL: one connection, owned by an actor on its own thread.
///
/// Every call is one autocommit statement written through at once, so a crash loses at most the
/// request in flight. The actor serializes calls on the connection (libpq connections are not
/// thread-safe) and runs them on a `QueueExecutor`, because libpq blocks and the cooperative pool
/// has only as many threads as cores. A broken connection is re-established and the statement
/// retried once (see `Connection.execute`).
///
/// Store calls are deliberately not cancelled with the task: when Ctrl-C cancels a cell, recording
/// that the run was cancelled must still succeed.
public actor PostgresRunStore: RunStore {
    private let executor: QueueExecutor
    let connection: Connection
    /// What `connection` was opened with, for the second connection a `NotificationListener` needs.
    let conninfo: String
    /// Set when opening this store started athanor's private cluster; the caller prints it once.
    public nonisolated let startedCluster: LocalCluster.StartReport?
    /// Migrations applied while opening (empty when the schema was current).
    public nonisolated let appliedMigrations: [String]
    /// What this process holds the advisory locks of (`PostgresRunStore+Ownership.swift`).
    var ownership = Ownership()

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(
        connection: sending Connection, conninfo: String, startedCluster: LocalCluster.StartReport?,
        appliedMigrations: [String]
    ) {
        self.executor = QueueExecutor(label: "athanor.postgres-store")
        self.connection = connection
        self.conninfo = conninfo
        self.startedCluster = startedCluster
        self.appliedMigrations = appliedMigrations
    }

    /// Connects to `location` (starting the private cluster if that is where it points) and applies
    /// missing migrations. Blocks the calling thread while connecting; done once at startup.
    public static func open(location: DatabaseLocation) async throws -> PostgresRunStore {
        let (conninfo, started) = try location.connectionString()
        let connection = try Connection(conninfo: conninfo)
        let applied = try Migrator().migrate(connection)
        return PostgresRunStore(
            connection: connection, conninfo: conninfo, startedCluster: started, appliedMigrations: applied)
    }

    /// `open(location:)` for the location the environment names (see `DatabaseLocation.resolve`).
    public static func open(environment: [String: String]) async throws -> PostgresRunStore {
        try await open(location: .resolve(environment: environment))
    }

    // MARK: Statement helpers

    func rows(_ sql: SQL) throws(DatabaseError) -> [Row] {
        try connection.execute(sql).typedRows(sql: sql)
    }

    /// Runs an `INSERT … RETURNING id`.
    func insert(_ sql: SQL) throws(DatabaseError) -> Int64 {
        guard let row = try rows(sql).first else {
            throw DatabaseError(code: .badResponse, message: "the insert returned no id", sql: sql.text)
        }
        return try row.int64(0)
    }

    /// Runs an update that must touch a row; `missing` names it for the error.
    func update(_ sql: SQL, missing: String) throws(DatabaseError) {
        guard try connection.execute(sql).affectedRows > 0 else {
            throw DatabaseError(code: .notFound, message: "\(missing) does not exist", sql: sql.text)
        }
    }
}
