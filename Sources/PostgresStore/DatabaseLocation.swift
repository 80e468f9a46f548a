/// Where athanor's database is, decided once from the environment.
///
/// The order follows the principle of least surprise for people who already run PostgreSQL:
/// an explicit `DATABASE_URL` wins; any of libpq's own `PG*` variables means "libpq, do what you
/// always do"; with neither, athanor keeps its data in a private cluster it starts itself, so
/// `athanor` works on a machine where nobody has configured a database.
public enum DatabaseLocation: Sendable, Hashable {
    /// A libpq URL or `key=value` connection string.
    case url(String)
    /// Connect with an empty connection string, so libpq reads `PGHOST`, `PGDATABASE`, … itself.
    case libpqEnvironment
    /// athanor's own cluster on a unix socket, started on demand.
    case privateCluster(LocalCluster)

    /// The libpq variables that count as "the user configured PostgreSQL".
    public static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGDATABASE", "PGPORT", "PGUSER", "PGSERVICE"]

    /// Picks the location from an environment such as `ProcessInfo.processInfo.environment`.
    /// Empty values count as unset, as they do for libpq.
    public static func resolve(environment: [String: String]) -> DatabaseLocation {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return .url(url)
        }
        if libpqVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            return .libpqEnvironment
        }
        return .privateCluster(LocalCluster.userDefault(environment: environment))
    }

    /// The connection string to hand libpq, starting the private cluster first if that is the location.
    /// The report is non-nil only when this call started the server, so the caller can say so once.
    public func connectionString() throws -> (conninfo: String, started: LocalCluster.StartReport?) {
        switch self {
        case .url(let url): return (url, nil)
        case .libpqEnvironment: return ("", nil)
        case .privateCluster(let cluster):
            let report = try cluster.start()
            return (report.connectionString, report.didStart ? report : nil)
        }
    }
}
