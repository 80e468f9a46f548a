import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// PostgreSQL stopped and started again in the middle of a sweep: the run's writer keeps its rows
/// while the server is away, the connection is re-established when it is back, and every point
/// ends up stored exactly once in a run that ends `completed`.
///
/// A watcher in a third process follows the run through the restart to its end.
///
/// The server is a cluster of the test's own (not the suite's shared one, which other tests use),
/// stopped with `pg_ctl -m fast`: every backend, including athanor's, is terminated mid-flight.
@Suite struct DatabaseRestartTests {
    static let points = 60

    @Test func aSweepSurvivesPostgresRestartingMidway() async throws {
        let directory = "/tmp/athanor-restart-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = LocalCluster(directory: directory, databaseName: "athanor")
        defer {
            try? cluster.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        try cluster.start()
        // 60 points, 4 at a time, 250 ms each: about 4 s of sweep, long enough to restart under it.
        let bench = try await Workbench.start(simulator: ["--latency-ms", "250"])
        let path = try bench.script(
            "restart.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, \(Self.points)) }, concurrency: 4 }
            """)
        let environment = ["DATABASE_URL": cluster.connectionString]
        async let sweep = bench.athanor("run", path, environment: environment)
        try await waitForResults(cluster, atLeast: 8)
        // Someone watching from another terminal, through the restart.
        async let watch = bench.athanor("watch", "1", environment: environment)
        try await waitForListener(cluster)
        let storedBeforeStop = try await waitForResults(cluster, atLeast: 8)
        try cluster.stop()
        try await Task.sleep(for: .milliseconds(800))
        try cluster.start()
        let result = try await sweep
        let watched = try await watch

        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(storedBeforeStop < Self.points, "the sweep had finished before the server stopped")
        let database = try Connection(conninfo: cluster.connectionString)
        func scalar(_ sql: SQL) throws -> String? { try database.execute(sql).scalar }
        #expect(try scalar("SELECT count(*) FROM run_results") == "\(Self.points)")
        #expect(try scalar("SELECT count(DISTINCT key) FROM run_results") == "\(Self.points)")
        #expect(try scalar("SELECT status FROM experiment_runs") == "completed")
        #expect(try scalar("SELECT metadata->'totals'->>'points' FROM experiment_runs") == "\(Self.points)")
        // The server that holds the end of the run is not the one that saw its start.
        #expect(
            try scalar("SELECT (started_at < pg_postmaster_start_time())::text FROM experiment_runs") == "true")
        #expect(try await bench.simulator.stats().chatRequests == Self.points)
        #expect(watched.status == 0, "\(watched.standardError)\n\(watched.standardOutput)")
        #expect(watched.standardOutput.hasSuffix("run 1 completed: \(Self.points) of \(Self.points) points stored\n"))
    }

    /// Down for longer than a minute: nothing new is sent while answers cannot be stored, nothing
    /// received is thrown away, and the sweep ends with every point answered exactly once.
    @Test func aSweepWaitsOutAMinuteLongOutageAndSendsNothingTwice() async throws {
        let (cluster, directory) = try Self.privateCluster()
        defer {
            try? cluster.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let bench = try await Workbench.start(simulator: ["--latency-ms", "250"])
        let path = try bench.script("outage.ath", Self.script)
        let environment = ["DATABASE_URL": cluster.connectionString]
        async let sweep = bench.athanor("run", path, environment: environment)
        try await waitForResults(cluster, atLeast: 8)
        try cluster.stop()
        try await Task.sleep(for: .seconds(2))
        let sentWhenStopped = try await bench.simulator.stats().chatRequests
        try await Task.sleep(for: .seconds(63))
        #expect(
            try await bench.simulator.stats().chatRequests == sentWhenStopped, "nothing is sent while storage is down")
        try cluster.start()
        let result = try await sweep

        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(sentWhenStopped < Self.points, "the sweep had finished before the server stopped")
        let database = try Connection(conninfo: cluster.connectionString)
        func scalar(_ sql: SQL) throws -> String? { try database.execute(sql).scalar }
        #expect(try scalar("SELECT count(*) FROM run_results") == "\(Self.points)")
        #expect(try scalar("SELECT status FROM experiment_runs") == "completed")
        #expect(try await bench.simulator.stats().chatRequests == Self.points)
    }

    /// Never back (within `ATHANOR_STORE_WAIT`): the process exits 3 saying where the answers it
    /// holds are, and a later `resume` stores them and sends only what was never sent.
    @Test func answersHeldWhenTheDatabaseNeverComesBackAreStoredByResume() async throws {
        let (cluster, directory) = try Self.privateCluster()
        defer {
            try? cluster.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let bench = try await Workbench.start(simulator: ["--latency-ms", "250"])
        let path = try bench.script("outage.ath", Self.script)
        let environment = ["DATABASE_URL": cluster.connectionString, "ATHANOR_STORE_WAIT": "3"]
        async let sweep = bench.athanor("run", path, environment: environment)
        try await waitForResults(cluster, atLeast: 8)
        try cluster.stop()
        let result = try await sweep
        #expect(result.status == 3)
        #expect(result.standardError.contains("received but not stored are held in "), "\(result.standardError)")
        #expect(result.standardError.contains("`athanor resume 1` stores them"))

        try cluster.start()
        let resumed = try await bench.athanor("resume", "1", environment: environment)
        #expect(resumed.status == 0, "\(resumed.standardError)\n\(resumed.standardOutput)")
        #expect(
            resumed.standardOutput.contains("held by the process that stopped")
                || resumed.standardError.contains("held by the process that stopped"))
        let database = try Connection(conninfo: cluster.connectionString)
        func scalar(_ sql: SQL) throws -> String? { try database.execute(sql).scalar }
        #expect(try scalar("SELECT count(*) FROM run_results") == "\(Self.points)")
        #expect(try scalar("SELECT count(DISTINCT key) FROM run_results") == "\(Self.points)")
        #expect(try scalar("SELECT status FROM experiment_runs") == "completed")
        #expect(try await bench.simulator.stats().chatRequests == Self.points, "no answer was paid for twice")
    }

    static let script = """
        model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
        sweep s { models: [mini], prompt: "Say {{n}}", vars: { n: range(0, \(points)) }, concurrency: 4 }
        """

    /// A cluster of the test's own: stopping it does not disturb the other tests.
    static func privateCluster() throws -> (LocalCluster, String) {
        let directory = "/tmp/athanor-restart-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = LocalCluster(directory: directory, databaseName: "athanor")
        try cluster.start()
        return (cluster, directory)
    }

    /// Waits until the watcher has opened the store and listens on the run's channel.
    private func waitForListener(_ cluster: LocalCluster) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        let listening: SQL = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
        while ContinuousClock.now < deadline {
            if (try? Connection(conninfo: cluster.connectionString).execute(listening).scalar) == "1" { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the watcher did not start listening within 20 s")
    }

    /// Polls the cluster until `count` results are stored; returns how many there were.
    @discardableResult
    private func waitForResults(_ cluster: LocalCluster, atLeast count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let stored =
                (try? Connection(conninfo: cluster.connectionString).execute("SELECT count(*) FROM run_results"))
                .flatMap { $0.scalar }.flatMap { Int($0) } ?? 0
            if stored >= count { return stored }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("fewer than \(count) results were stored within 20 s")
        return 0
    }
}
