import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `athanor` under `/bin/sh` (for `ulimit` and the like) and keeps, besides its
/// output and exit status, the peak resident memory of that one process.
///
/// The peak is the process's `VmHWM` (its resident high-water mark, which only grows) read from
/// `/proc/PID/status` every 10 ms until it exits; the last reading misses at most what it added
/// in its last 10 ms. Not `wait4`'s `ru_maxrss`: `posix_spawn` starts the child sharing this
/// process's memory until it `exec`s, and Linux folds that shared high-water mark (the test
/// runner's) into the child's `ru_maxrss`. The shell `exec`s athanor, so the pid is athanor's.
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
        let sampler = Task {
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, Self.highWaterMark(of: child) ?? 0)
                try? await Task.sleep(for: .milliseconds(10))
            }
            return peak
        }
        let status = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        sampler.cancel()
        let peak = await sampler.value
        watchdog.cancel()
        let exited = status & 0x7F == 0
        return MeasuredProcess(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            maximumResidentBytes: peak)
    }

    /// `VmHWM` from `/proc/PID/status`, in bytes; nil once the process is gone (or a zombie).
    private static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        return kilobytes.map { $0 * 1024 }
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }
}
