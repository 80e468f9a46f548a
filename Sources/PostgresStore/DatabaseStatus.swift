import AthanorMigrations

/// What `athanor db status` finds at a database, without changing it: whether a server answers,
/// its version, and how far its schema is migrated compared with this athanor's migrations.
public struct DatabaseStatus: Sendable, Hashable {
    /// The server's `server_version`, e.g. `15.14 (Debian 15.14-0+deb12u1)`.
    public var serverVersion: String
    /// The newest migration applied; nil when athanor has not migrated this database yet.
    public var schemaVersion: String?
    /// This athanor's migrations not applied yet (they are applied at the next use).
    public var pendingMigrations: [String]
    /// Migrations applied by a newer athanor: this one refuses the database.
    public var unknownMigrations: [String]

    /// Connects with `conninfo`, reads, and disconnects; migrates nothing.
    public static func probe(conninfo: String, migrations: [String] = Migrations.all.map(\.version))
        throws(DatabaseError) -> DatabaseStatus
    {
        let connection = try Connection(conninfo: conninfo)
        let version = try connection.execute("SHOW server_version").scalar ?? "unknown"
        var applied: [String] = []
        if try connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").scalar == "t" {
            applied = try Migrator().appliedVersions(connection)
        }
        return DatabaseStatus(
            serverVersion: version, schemaVersion: applied.last,
            pendingMigrations: migrations.filter { !applied.contains($0) },
            unknownMigrations: applied.filter { !migrations.contains($0) })
    }

    /// One line about the schema, for people.
    public var schemaDescription: String {
        if !unknownMigrations.isEmpty {
            return "schema: \(schemaVersion ?? "unknown"), newer than this athanor knows; use a newer athanor"
        }
        guard let schemaVersion else {
            return "schema: not created yet (created on first use, or with 'athanor db migrate')"
        }
        if pendingMigrations.isEmpty { return "schema: \(schemaVersion) (up to date)" }
        let count = pendingMigrations.count
        return "schema: \(schemaVersion), \(count) migration\(count == 1 ? "" : "s") to apply "
            + "(applied on next use, or with 'athanor db migrate')"
    }
}
