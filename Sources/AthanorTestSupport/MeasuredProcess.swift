import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `athanor` under `/bin/bash` (for `ulimit` and the like) and keeps, besides its exit
/// status, the peak resident memory of that one process, and its output counted rather than kept:
/// for tests that a command's memory stays flat however much it reads or writes.
///
/// The peak is the process's `VmHWM` (its resident high-water mark, which only grows) read from
/// `/proc/PID/status` every 10 ms until it exits; the last reading misses at most what it added
/// in its last 10 ms. Not `wait4`'s `ru_maxrss`: `posix_spawn` starts the child sharing this
/// process's memory until it `exec`s, and Linux folds that shared high-water mark (the test
/// runner's) into the child's `ru_maxrss`. The shell `exec`s athanor, so the pid is athanor's;
/// only readings of athanor itself count (not of the shell before it `exec`s), and they are taken
/// on a thread of their own: a sampling task on the cooperative pool waited while other tests
/// blocked the pool's threads, read nothing before athanor exited, and gave a peak of 0 (a command
/// then looked as if it had grown by its whole size between two runs).
public struct MeasuredProcess: Sendable {
    public var status: Int32
    /// The first `keptOutput` bytes of standard output: all of it for an ordinary command.
    public var standardOutput: String
    /// The last 4 KB written, to check how a long output ends.
    public var tail: String
    /// Bytes and lines written to standard output, all of them.
    public var outputBytes: Int
    public var outputLines: Int
    public var standardError: String
    /// The child's peak resident set size (0 when it was never read).
    public var maximumResidentBytes: Int
    /// How many times athanor's own `VmHWM` was read: 0 says `maximumResidentBytes` measured nothing.
    public var residentReadings: Int

    /// How much of standard output is kept in `standardOutput`.
    public static let keptOutput = 1 << 20

    /// Runs `bash -c 'SETUP; cd DIRECTORY && exec athanor ARGUMENTS'` with exactly `environment`
    /// (plus PATH); gives up after `timeout` (the child is killed).
    public static func run(
        _ arguments: [String], environment: [String: String], shellSetup: String = "", directory: URL? = nil,
        timeout: Duration = .seconds(180)
    ) async throws -> MeasuredProcess {
        let executable = try BuiltProduct.url("athanor").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let errPath = scratch.appendingPathComponent("stderr").path
        var env = environment
        env["PATH"] = env["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
        env["MEASURED_DIRECTORY"] = directory?.path ?? FileManager.default.currentDirectoryPath
        // The test runner's own descriptors (its databases, simulators, pipes) are closed first: a
        // child started under `ulimit -n` must have the files it is given, not the runner's leftovers.
        let closeInherited = """
            for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done
            """
        let script = "\(closeInherited)\n\(shellSetup)\ncd \"$MEASURED_DIRECTORY\" && exec \"$0\" \"$@\""
        let argv = ["/bin/bash", "-c", script, executable] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }

        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw SpawnFailed(code: errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, output[0])
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, cArguments, cEnvironment)
        close(output[1])
        guard spawned == 0 else {
            close(output[0])
            throw SpawnFailed(code: spawned)
        }

        let child = pid
        let reading = output[0]
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            kill(child, SIGKILL)
        }
        // Started here, not in a task: a task waits for a thread of the cooperative pool.
        let sampler = ResidentSampler(
            pid: child, name: String(URL(fileURLWithPath: executable).lastPathComponent.prefix(15)))
        // A thread of its own: the reads and the wait block.
        var result = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var result = Self.drain(reading)
                close(reading)
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                // WIFEXITED / WEXITSTATUS, which Swift does not import; a signal reads as 128 + its number.
                result.status = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                (result.maximumResidentBytes, result.residentReadings) = sampler.finished()
                continuation.resume(returning: result)
            }
        }
        watchdog.cancel()
        result.standardError = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return result
    }

    /// Reads standard output to its end, keeping its start and its last 4 KB and counting the rest.
    private static func drain(_ descriptor: Int32) -> MeasuredProcess {
        var kept: [UInt8] = []
        var tail: [UInt8] = []
        var bytes = 0
        var lines = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            let chunk = buffer[0..<count]
            bytes += count
            lines += chunk.count { $0 == UInt8(ascii: "\n") }
            if kept.count < keptOutput { kept += chunk.prefix(keptOutput - kept.count) }
            tail = Array((tail + chunk).suffix(4096))
        }
        return MeasuredProcess(
            status: -1, standardOutput: String(decoding: kept, as: UTF8.self),
            tail: String(decoding: tail, as: UTF8.self),
            outputBytes: bytes, outputLines: lines, standardError: "", maximumResidentBytes: 0, residentReadings: 0)
    }

    /// The process's name and `VmHWM` from `/proc/PID/status`, in bytes; nil once the process is
    /// gone (or a zombie).
    fileprivate static func highWaterMark(of pid: pid_t) -> (name: String, bytes: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ key: String) -> Substring? {
            status.split(separator: "\n").first(where: { $0.hasPrefix(key) })?
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first
        }
        guard let name = field("Name:"), let kilobytes = field("VmHWM:").flatMap({ Int($0) }) else { return nil }
        return (String(name), kilobytes * 1024)
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }
}

/// The highest `VmHWM` of a process while its name (the kernel's, at most 15 characters) is
/// `name`, and how many readings that was: read every 10 ms on a thread of its own from its
/// start until the process is gone (a zombie has no `VmHWM`).
private final class ResidentSampler: Sendable {
    private let result = Mutex((peak: 0, readings: 0))
    private let done = DispatchSemaphore(value: 0)

    init(pid: pid_t, name: String) {
        Thread.detachNewThread { [self] in
            var (peak, readings) = (0, 0)
            while let reading = MeasuredProcess.highWaterMark(of: pid) {
                if reading.name == name {
                    peak = max(peak, reading.bytes)
                    readings += 1
                }
                usleep(10_000)
            }
            result.withLock { $0 = (peak, readings) }
            done.signal()
        }
    }

    /// Waits for the sampling to end (call once the process has been reaped).
    func finished() -> (peak: Int, readings: Int) {
        done.wait()
        return result.withLock { $0 }
    }
}
