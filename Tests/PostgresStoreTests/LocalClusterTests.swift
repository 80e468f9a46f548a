import AthanorTestSupport
import Foundation
import Testing

@testable import PostgresStore

@Suite struct LocalClusterTests {
    @Test func startStatusStopInATemporaryFolder() throws {
        let directory = "/tmp/athanor-lc-" + UUID().uuidString.prefix(8).lowercased()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = LocalCluster(directory: directory, port: 5433)
        #expect(try cluster.status() == .notInitialized)
        setenv("ATHANOR_TEST_SECRET", "sk-or-v1-not-for-the-server", 1)
        defer { unsetenv("ATHANOR_TEST_SECRET") }

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

        // The server was started with what it needs of our environment, nothing else.
        let pid =
            try String(contentsOfFile: cluster.dataDirectory + "/postmaster.pid", encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let serverEnvironment = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        let names = serverEnvironment.split(separator: 0).compactMap {
            String(decoding: $0, as: UTF8.self).split(separator: "=").first.map(String.init)
        }
        #expect(names.contains("PATH"))
        #expect(!names.contains("ATHANOR_TEST_SECRET"), "\(names)")
        #expect(!String(decoding: serverEnvironment, as: UTF8.self).contains("sk-or-v1-not-for-the-server"))

        try cluster.stop()
        #expect(try cluster.status() == .stopped)
    }

    @Test func theClustersProgramsGetOnlyPathLocaleAndTimeZone() {
        let given = [
            "PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_ALL": "C", "TZ": "UTC", "OPENROUTER_API_KEY": "sk-secret",
            "DATABASE_URL": "postgresql://u:p@h/db", "PGPORT": "1", "HOME": "/root",
        ]
        #expect(
            ChildProcess.environment(from: given)
                == ["PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_ALL": "C", "TZ": "UTC"])
    }
}
