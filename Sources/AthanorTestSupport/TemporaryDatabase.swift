import Foundation
import PostgresStore
import Synchronization

/// A fresh, uniquely named database for one test, on a real PostgreSQL server.
///
/// With `DATABASE_URL` set, the database is created on that server (the URL's user must be allowed
/// to `CREATE DATABASE`). Without it, one throwaway `LocalCluster` in a temporary folder is started
/// per test process and stopped (and its folder removed) when the process exits.
///
/// Databases are not dropped automatically: Swift Testing has no async teardown for a struct. In the
/// throwaway cluster they vanish with it; on a `DATABASE_URL` server call `drop()` or expect
/// `athanor_test_*` databases to accumulate.
public struct TemporaryDatabase: Sendable {
    public let name: String
    /// A libpq URL (or key=value string) for this database.
    public let url: String
    /// The server's URL as given (its own database), for admin work such as dropping.
    public let serverURL: String

    public var location: DatabaseLocation { .url(url) }

    public static func create(environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> TemporaryDatabase
    {
        let serverURL: String
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            serverURL = url
        } else {
            serverURL = try await ThrowawayCluster.shared.connectionString()
        }
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let name = "athanor_test_" + suffix
        let admin = try Connection(conninfo: serverURL)
        try admin.execute("CREATE DATABASE \(identifier: name)")
        return TemporaryDatabase(name: name, url: Self.url(serverURL, database: name), serverURL: serverURL)
    }

    /// Opens a new connection to this database.
    public func connect() throws -> Connection {
        try Connection(conninfo: url)
    }

    /// Drops the database, first ending any connection still open to it.
    public func drop() throws {
        let admin = try Connection(conninfo: serverURL)
        try admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
    }

    /// The same server and credentials, another database: URL path for URLs, a trailing `dbname=`
    /// (later keywords win) for key=value strings.
    public static func url(_ server: String, database: String) -> String {
        guard server.hasPrefix("postgres://") || server.hasPrefix("postgresql://"),
            var components = URLComponents(string: server)
        else {
            return server + " dbname=\(database)"
        }
        components.path = "/" + database
        components.queryItems = components.queryItems?.filter { $0.name != "dbname" }
        return components.string ?? server
    }
}

/// The per-process cluster used when no `DATABASE_URL` is given; started on first use.
actor ThrowawayCluster {
    static let shared = ThrowawayCluster()
    /// Read by the `atexit` hook, which cannot reach actor state.
    static let running = Mutex<LocalCluster?>(nil)

    private var conninfo: String?

    func connectionString() throws -> String {
        if let conninfo { return conninfo }
        // Short path: unix socket paths are limited to about 100 bytes.
        let directory = "/tmp/athanor-test-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = LocalCluster(directory: directory, port: 5432, databaseName: "postgres")
        Self.running.withLock { $0 = cluster }
        atexit {
            guard let cluster = ThrowawayCluster.running.withLock({ $0 }) else { return }
            try? cluster.stop()
            try? FileManager.default.removeItem(atPath: cluster.directory)
        }
        let report = try cluster.start()
        conninfo = report.connectionString
        return report.connectionString
    }
}
