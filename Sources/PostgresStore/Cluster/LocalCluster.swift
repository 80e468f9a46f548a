import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// athanor's private PostgreSQL cluster: the system's server binaries, our own data folder, and a
/// unix socket in that folder only (`listen_addresses=''`), so nothing listens on the network and
/// the fixed port cannot clash with another server.
///
/// Layout: `<directory>/data` is PGDATA, `<directory>/server.log` the server's log, and the socket
/// `<directory>/.s.PGSQL.<port>`. The default directory is `$XDG_DATA_HOME/athanor/postgres`, else
/// `~/.local/share/athanor/postgres`.
///
/// PostgreSQL refuses to run as root. When athanor itself runs as root, the server runs as the
/// `postgres` OS user (through `runuser`), the directory defaults to `/var/lib/athanor/postgres`
/// (root's home is not readable by `postgres`), is owned by `postgres`, and we connect as the
/// database user `postgres`.
///
/// The calls block while the binaries run (a first `initdb` takes a few seconds); callers that care
/// run them off the cooperative pool.
public struct LocalCluster: Sendable, Hashable {
    public var directory: String
    public var port: Int
    /// The OS user the server runs as, when that is not us (we are root); nil runs it as ourselves.
    public var serverUser: String?
    /// The database athanor uses inside the cluster.
    public var databaseName: String

    public init(
        directory: String, port: Int = 5432, serverUser: String? = LocalCluster.defaultServerUser,
        databaseName: String = "athanor"
    ) {
        self.directory = directory
        self.port = port
        self.serverUser = serverUser
        self.databaseName = databaseName
    }

    /// `postgres` when we are root (the server would refuse to start), otherwise nil.
    public static var defaultServerUser: String? {
        geteuid() == 0 ? "postgres" : nil
    }

    /// The per-user cluster, or the system-wide one under `/var/lib` when running as root.
    public static func userDefault(environment: [String: String]) -> LocalCluster {
        if geteuid() == 0 {
            return LocalCluster(directory: "/var/lib/athanor/postgres")
        }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return LocalCluster(directory: base + "/athanor/postgres")
    }

    public var dataDirectory: String { directory + "/data" }
    public var logFile: String { directory + "/server.log" }

    /// The libpq URL of athanor's database in this cluster.
    public var connectionString: String { connectionString(database: databaseName) }

    func connectionString(database: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let host = directory.addingPercentEncoding(withAllowedCharacters: allowed) ?? directory
        var url = "postgresql:///\(database)?host=\(host)&port=\(port)"
        if let serverUser { url += "&user=\(serverUser)" }
        return url
    }

    /// What `start()` did, for the one line the caller prints.
    public struct StartReport: Sendable, Hashable, CustomStringConvertible {
        public var directory: String
        public var connectionString: String
        /// True if the server was not running and this call started it.
        public var didStart: Bool
        /// True if this call created the cluster (ran `initdb`).
        public var didInitialize: Bool

        public var description: String {
            (didInitialize ? "Created and started" : "Started")
                + " athanor's private PostgreSQL in \(directory) (unix socket only)."
        }
    }
}
