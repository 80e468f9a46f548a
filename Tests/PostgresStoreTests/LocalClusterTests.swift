import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

@Suite struct LocalClusterTests {
    @Test func startStatusStopInATemporaryFolder() throws {
        let directory = "/tmp/athanor-lc-" + UUID().uuidString.prefix(8).lowercased()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = LocalCluster(directory: directory, port: 5433)
        #expect(try cluster.status() == .notInitialized)

        let report = try cluster.start()
        defer { try? cluster.stop() }
        #expect(report.didStart && report.didInitialize)
        #expect(report.description.contains(directory))
        #expect(try cluster.status() == .running)

        let again = try cluster.start()
        #expect(!again.didStart && !again.didInitialize)

        let connection = try Connection(conninfo: report.connectionString)
        #expect(try connection.execute("SELECT current_database()").scalar == "athanor")
        // Only the unix socket: no TCP listener.
        #expect(try connection.execute("SHOW listen_addresses").scalar == "")

        try cluster.stop()
        #expect(try cluster.status() == .stopped)
    }
}
