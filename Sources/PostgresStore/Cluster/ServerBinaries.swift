import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`) are on this machine.
///
/// Debian-like systems keep them out of PATH under `/usr/lib/postgresql/<major>/bin`, so PATH is
/// the last place we look: `pg_config --bindir` first (it names the installed server), then the
/// highest versioned folder.
struct ServerBinaries {
    let directory: String

    static let runuser =
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/runuser"

    func path(_ tool: String) -> String { directory + "/" + tool }

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ServerBinaries
    {
        var candidates: [String] = []
        if let bindir = pgConfigBindir(environment: environment) { candidates.append(bindir) }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        candidates += versions.compactMap { Int($0) }.sorted(by: >).map { "\(root)/\($0)/bin" }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in candidates where isServer(directory) {
            return ServerBinaries(directory: directory)
        }
        throw LocalClusterError.serverNotInstalled
    }

    private static func isServer(_ directory: String) -> Bool {
        ["initdb", "pg_ctl", "postgres"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: directory + "/" + $0)
        }
    }

    private static func pgConfigBindir(environment: [String: String]) -> String? {
        let pathDirs = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let pgConfig = pathDirs.map({ $0 + "/pg_config" }).first(where: FileManager.default.isExecutableFile)
        else { return nil }
        guard let outcome = try? ChildProcess.run(pgConfig, ["--bindir"]), outcome.status == 0 else { return nil }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
