import AthanorCore
import PostgresStore

/// What `athanor db status` finds, as data: where the database is, the private cluster's state
/// when it is athanor's own, and what a server that answers says (its version, how far its schema
/// is migrated), or why none answers. Shown as lines for people or as JSON (docs/json.md).
struct DatabaseReport {
    enum Location: String {
        case privateCluster = "private_cluster"
        case url
        case environment
    }

    var location: Location
    /// Where, for people, without a password: `database postgresql://me@host/db`.
    var database: String
    var cluster: (directory: String, connection: String, state: LocalCluster.Status)?
    /// What the server said; nil when none was asked (a stopped cluster) or none answered.
    var server: DatabaseStatus?
    /// Why nothing answers where the runs would be stored.
    var failure: String?

    /// Reads the location's state once; never starts the private cluster to describe it.
    static func probe(_ services: ServiceFactory) throws -> DatabaseReport {
        let conninfo: String
        var report: DatabaseReport
        switch services.location {
        case .privateCluster(let cluster):
            let state = try cluster.status()
            report = DatabaseReport(
                location: .privateCluster, database: services.databaseDescription,
                cluster: (cluster.directory, cluster.connectionString, state))
            // A cluster that is not running is not started just to be described.
            guard case .running = state else { return report }
            conninfo = cluster.connectionString
        case .url(let url):
            report = DatabaseReport(location: .url, database: services.databaseDescription)
            conninfo = url
        case .libpqEnvironment:
            report = DatabaseReport(location: .environment, database: services.databaseDescription)
            conninfo = ""
        }
        do {
            report.server = try DatabaseStatus.probe(conninfo: conninfo)
        } catch {
            report.failure = "nothing answers there: \(error)"
        }
        return report
    }

    var lines: [String] {
        var lines: [String]
        if let cluster {
            let state: String
            switch cluster.state {
            case .notInitialized: state = "not created yet (it is created on first use, or with 'athanor db start')"
            case .stopped: state = "stopped (it is started on first use, or with 'athanor db start')"
            case .running: state = "running"
            }
            lines = ["private cluster in \(cluster.directory): \(state)", "connection: \(cluster.connection)"]
        } else {
            lines = [database]
        }
        if let server { lines += ["server: PostgreSQL \(server.serverVersion)", server.schemaDescription] }
        return lines
    }

    var jsonValue: JSONValue {
        let cluster: JSONValue =
            if let cluster {
                [
                    "directory": .string(cluster.directory), "connection": .string(cluster.connection),
                    "state": .string(Self.name(of: cluster.state)),
                ]
            } else {
                .null
            }
        let server: JSONValue =
            if let server {
                [
                    "version": .string(server.serverVersion), "schema_version": JSONValue(server.schemaVersion),
                    "schema_up_to_date": .bool(server.pendingMigrations.isEmpty && server.unknownMigrations.isEmpty),
                    "pending_migrations": .array(server.pendingMigrations.map(JSONValue.string)),
                    "unknown_migrations": .array(server.unknownMigrations.map(JSONValue.string)),
                ]
            } else {
                .null
            }
        return [
            "location": .string(location.rawValue), "database": .string(database), "cluster": cluster,
            "server": server, "error": JSONValue(failure),
        ]
    }

    /// A cluster state as JSON names it.
    static func name(of state: LocalCluster.Status) -> String {
        switch state {
        case .notInitialized: "not_created"
        case .stopped: "stopped"
        case .running: "running"
        }
    }
}
