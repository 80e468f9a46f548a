import AthanorMigrations

/// Brings a database's schema up to date with the migrations compiled into this binary.
///
/// Each migration runs in its own transaction together with its `schema_migrations` row, so a
/// failure leaves the schema at the last complete version. A session-level advisory lock makes a
/// second athanor process wait rather than apply the same migration twice.
public struct Migrator: Sendable {
    /// An arbitrary constant shared by every athanor process ("athanor" in ASCII).
    static let lockKey: Int64 = 0x6174_6861_6E6F_72

    /// One schema change: the version recorded in `schema_migrations` and the script to run.
    /// (Our own type so tests can build migrations; `Migrations.Migration` has no public init.)
    public struct Step: Sendable, Hashable {
        public var version: String
        public var sql: String

        public init(version: String, sql: String) {
            self.version = version
            self.sql = sql
        }
    }

    public var migrations: [Step]

    /// Defaults to the migrations compiled into this binary.
    public init(migrations: [Step] = Migrations.all.map { Step(version: $0.version, sql: $0.sql) }) {
        self.migrations = migrations
    }

    /// Applies what is missing, in order; returns the versions applied now (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection) throws(DatabaseError) -> [String] {
        // Nearly always the schema is current, which two queries tell without the lock (a
        // migration under way elsewhere is not committed yet, so it shows as missing).
        if try connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").scalar == "t" {
            let done = try appliedVersions(connection)
            try refuseNewer(done)
            if migrations.allSatisfy({ Set(done).contains($0.version) }) { return [] }
        }
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let recorded = try appliedVersions(connection)
        try refuseNewer(recorded)
        let done = Set(recorded)
        var applied: [String] = []
        for migration in migrations where !done.contains(migration.version) {
            try connection.transaction { () throws(DatabaseError) in
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (version) VALUES (\(migration.version))")
            }
            applied.append(migration.version)
        }
        return applied
    }

    /// A database migrated by a newer athanor is not used: this binary would misread what it does
    /// not know of (new tables, new meanings), and could write rows the newer one misreads.
    private func refuseNewer(_ recorded: [String]) throws(DatabaseError) {
        guard let newest = migrations.map(\.version).max(),
            let unknown = recorded.filter({ $0 > newest }).max()
        else { return }
        throw DatabaseError(
            code: .schemaTooNew,
            message:
                "this database's schema is at version \(unknown), newer than this athanor knows (up to \(newest)); "
                + "use a newer athanor, or another database")
    }

    /// The versions recorded in `schema_migrations`, oldest first.
    public func appliedVersions(_ connection: Connection) throws(DatabaseError) -> [String] {
        try connection.execute("SELECT version FROM schema_migrations ORDER BY version").rows.compactMap {
            $0.first ?? nil
        }
    }
}
