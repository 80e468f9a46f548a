import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension LocalCluster {
    public enum Status: Sendable, Hashable {
        /// No cluster in the directory yet; `start()` creates one.
        case notInitialized
        case stopped
        case running
    }

    public func status() throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notInitialized }
        let tools = try ServerBinaries.find()
        // pg_ctl status: 0 running, 3 not running, 4 no accessible data directory.
        let outcome = try run(tools.path("pg_ctl"), ["status", "-D", dataDirectory])
        return outcome.status == 0 ? .running : .stopped
    }

    /// Creates the cluster if needed, starts it if needed, creates the athanor database if needed.
    /// Safe to call when it is already running (then it only checks and reports `didStart == false`).
    @discardableResult
    public func start() throws -> StartReport {
        let tools = try ServerBinaries.find()
        var initialized = false
        if try status() == .notInitialized {
            try initialize(tools)
            initialized = true
        }
        var started = false
        if try status() != .running {
            let options = "-c listen_addresses='' -k '\(directory)' -p \(port)"
            let outcome = try run(
                tools.path("pg_ctl"), ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", options])
            guard outcome.status == 0 else {
                // Another process may have started it in the meantime.
                guard try status() == .running else {
                    throw LocalClusterError.commandFailed("pg_ctl start", output: outcome.output + tail(of: logFile))
                }
                return try finishStart(initialized: initialized, started: false)
            }
            started = true
        }
        return try finishStart(initialized: initialized, started: started)
    }

    /// Stops the server (fast shutdown: running statements are cancelled); nothing if it is not running.
    public func stop() throws {
        guard try status() == .running else { return }
        let outcome = try run(
            try ServerBinaries.find().path("pg_ctl"), ["stop", "-w", "-m", "fast", "-D", dataDirectory])
        guard outcome.status == 0 else { throw LocalClusterError.commandFailed("pg_ctl stop", output: outcome.output) }
    }

    private func initialize(_ tools: ServerBinaries) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        } catch {
            throw LocalClusterError.cannotCreateDirectory(directory, reason: "\(error)")
        }
        if let serverUser {
            let outcome = try run("/bin/chown", [serverUser, directory], asServerUser: false)
            guard outcome.status == 0 else {
                throw LocalClusterError.commandFailed("chown \(serverUser)", output: outcome.output)
            }
        }
        let outcome = try run(
            tools.path("initdb"),
            ["-D", dataDirectory, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]
                + (serverUser.map { ["-U", $0] } ?? []))
        guard outcome.status == 0 else { throw LocalClusterError.commandFailed("initdb", output: outcome.output) }
    }

    private func finishStart(initialized: Bool, started: Bool) throws -> StartReport {
        let admin = try Connection(conninfo: connectionString(database: "postgres"))
        let exists = try admin.execute("SELECT 1 FROM pg_database WHERE datname = \(databaseName)")
        if exists.rows.isEmpty {
            // A concurrent start may create it first (42P04 duplicate_database); that is fine.
            // (A `catch where` here crashes the Swift 6.3.1 compiler, hence the Result.)
            let created = Result { () throws(DatabaseError) in
                try admin.execute("CREATE DATABASE \(identifier: databaseName)")
            }
            if case .failure(let error) = created, error.sqlState != "42P04" { throw error }
        }
        return StartReport(
            directory: directory, connectionString: connectionString, didStart: started, didInitialize: initialized)
    }

    private func tail(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return "\n" + text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    /// Runs a server binary, as the server user when there is one.
    func run(_ executable: String, _ arguments: [String], asServerUser: Bool = true) throws -> ChildProcess.Outcome {
        if asServerUser, let serverUser {
            return try ChildProcess.run(ServerBinaries.runuser, ["-u", serverUser, "--", executable] + arguments)
        }
        return try ChildProcess.run(executable, arguments)
    }
}
