import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `athanor` under `/bin/sh` (for `ulimit` and the like) and keeps, besides its
/// output and exit status, the peak resident memory of that one process.
///
/// The peak comes from `wait4`'s `rusage` for this child alone (`ru_maxrss`), which is why this
/// spawns and reaps the process itself instead of using `Process`. The shell `exec`s athanor, so
/// the measured process is athanor from its first instruction.
public struct MeasuredProcess: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    /// The child's peak resident set size.
    public var maximumResidentBytes: Int

    /// Runs `sh -c 'SETUP; cd DIRECTORY && exec athanor ARGUMENTS'` with exactly `environment`
    /// (plus PATH); gives up after `timeout` (the child is killed).
    public static func run(
        _ arguments: [String], environment: [String: String], shellSetup: String = "", directory: URL? = nil,
        timeout: Duration = .seconds(180)
    ) async throws -> MeasuredProcess {
        let executable = try BuiltProduct.url("athanor").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        var env = environment
        env["PATH"] = env["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
        env["MEASURED_DIRECTORY"] = directory?.path ?? FileManager.default.currentDirectoryPath
        let script = "\(shellSetup)\ncd \"$MEASURED_DIRECTORY\" && exec \"$0\" \"$@\""
        let argv = ["/bin/sh", "-c", script, executable] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }

        let child = pid
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            kill(child, SIGKILL)
        }
        let (status, usage) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                var usage = rusage()
                while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
                continuation.resume(returning: (status, usage))
            }
        }
        watchdog.cancel()
        let exited = status & 0x7F == 0
        return MeasuredProcess(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            maximumResidentBytes: Int(usage.ru_maxrss) * 1024)
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }
}
