import PostgresStore
import Testing

@Suite struct DatabaseLocationTests {
    @Test func databaseURLWins() {
        let location = DatabaseLocation.resolve(environment: ["DATABASE_URL": "postgresql://h/db", "PGHOST": "x"])
        #expect(location == .url("postgresql://h/db"))
    }

    @Test(arguments: ["PGHOST", "PGDATABASE", "PGPORT", "PGUSER", "PGSERVICE"])
    func anyLibpqVariableMeansLibpqDecides(variable: String) {
        #expect(DatabaseLocation.resolve(environment: [variable: "v", "DATABASE_URL": ""]) == .libpqEnvironment)
    }

    @Test func otherwiseThePrivateClusterUnderXDGDataHome() throws {
        let location = DatabaseLocation.resolve(environment: ["XDG_DATA_HOME": "/data/me", "HOME": "/home/me"])
        guard case .privateCluster(let cluster) = location else {
            Issue.record("expected the private cluster, got \(location)")
            return
        }
        if LocalCluster.defaultServerUser == nil {
            #expect(cluster.directory == "/data/me/athanor/postgres")
        } else {
            // As root the server runs as `postgres`, which cannot reach root's folders.
            #expect(cluster.directory == "/var/lib/athanor/postgres")
            #expect(cluster.connectionString.hasSuffix("&user=postgres"))
        }
        #expect(cluster.connectionString.hasPrefix("postgresql:///athanor?host=\(cluster.directory)&port=5432"))
    }

    @Test func homeIsTheFallbackWithoutXDG() {
        let cluster = LocalCluster.userDefault(environment: ["HOME": "/home/me"])
        if LocalCluster.defaultServerUser == nil {
            #expect(cluster.directory == "/home/me/.local/share/athanor/postgres")
        }
    }
}
