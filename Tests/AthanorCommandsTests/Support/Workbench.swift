import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// Everything a user's machine has, for one test: a fresh database on a real PostgreSQL server,
/// the simulator on a loopback port, and a home folder of its own. Commands run the real binary.
struct Workbench {
    /// A key that must never appear in the database or in any output.
    static let apiKey = "sk-or-v1-athanor-test-secret-0123456789"

    let database: TemporaryDatabase
    let simulator: SimulatorProcess
    let home: URL

    static func start(simulator arguments: [String] = []) async throws -> Workbench {
        let scenario = BuiltProduct.packageRoot.appendingPathComponent("Examples/scenario.json").path
        let simulator = try SimulatorProcess.start(["--scenario", scenario] + arguments)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("athanor-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return Workbench(database: try await TemporaryDatabase.create(), simulator: simulator, home: home)
    }

    var environment: [String: String] {
        [
            "DATABASE_URL": database.url, "OPENROUTER_BASE_URL": simulator.baseURL.absoluteString,
            "OPENROUTER_API_KEY": Self.apiKey, "NO_COLOR": "1", "HOME": home.path, "COLUMNS": "120",
        ]
    }

    /// Runs `athanor ARGUMENTS` as a user would, in the examples folder.
    func athanor(_ arguments: String..., input: String = "", environment extra: [String: String] = [:]) async throws
        -> AthanorProcess
    {
        try await AthanorProcess.run(
            arguments, environment: environment.merging(extra) { _, new in new }, input: input,
            directory: BuiltProduct.packageRoot.appendingPathComponent("Examples"))
    }

    /// Runs `athanor ARGUMENTS` in `directory` (a folder without the script's files, say).
    func athanor(in directory: URL, _ arguments: String...) async throws -> AthanorProcess {
        try await AthanorProcess.run(arguments, environment: environment, input: "", directory: directory)
    }

    /// Writes a script into the home folder and returns its path.
    func script(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func query(_ sql: String) throws -> [[String?]] {
        try database.connect().execute(SQL(unsafe: sql)).rows
    }

    func scalar(_ sql: String) throws -> String? {
        try query(sql).first?.first ?? nil
    }

    /// Starts `athanor ARGUMENTS` in the background, its output discarded: a process for a test to
    /// signal, kill or wait for.
    func launch(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = try BuiltProduct.url("athanor")
        process.arguments = arguments
        var environment = environment.merging(extra) { _, new in new }
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until at least `count` results are stored (a run under way got that far).
    func waitForResults(atLeast count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let stored = (try? scalar("select count(*) from run_results")).flatMap { $0.flatMap { Int($0) } } ?? 0
            if stored >= count { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("fewer than \(count) results were stored within 30 s")
    }
}
