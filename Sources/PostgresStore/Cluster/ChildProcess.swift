import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and collects what it printed: `posix_spawn` plus `waitpid`.
///
/// Not Foundation's `Process`: on Linux (Swift 6.3.1) its `waitUntilExit()` never returned after
/// `runuser … pg_ctl start`, leaving `runuser` an unreaped zombie, which hung the test suite.
/// The output pipe is made close-on-exec, and spawns are serialized, so a server started by one call
/// cannot inherit (and keep open forever) the pipe of another call running at the same time
/// (`pipe2(O_CLOEXEC)` would do this atomically but is a GNU extension Swift does not import).
enum ChildProcess {
    private static let spawnLock = Mutex(())

    struct Outcome {
        /// The exit status, or 128 + signal number when killed by a signal.
        var status: Int32
        /// stdout and stderr, interleaved.
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let (pid, readEnd) = try spawnLock.withLock { _ in try spawn(executable, arguments) }
        defer { close(readEnd) }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 {
                output += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitCode, output: String(decoding: output, as: UTF8.self))
    }

    /// What the cluster's programs (and so the server) are given of our environment: only what
    /// finds programs and sets the locale and time zone. Never the rest: an `OPENROUTER_API_KEY`
    /// in the server's environment could be read back by anyone allowed a query like
    /// `pg_read_file('/proc/self/environ')`, and `PG*` variables would steer the tools elsewhere.
    static func environment(from environment: [String: String]) -> [String: String] {
        environment.filter { name, _ in
            ["PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR"].contains(name) || name.hasPrefix("LC_")
        }
    }

    /// Starts the program with stdout and stderr on a new pipe; returns its pid and the read end.
    private static func spawn(_ executable: String, _ arguments: [String]) throws -> (pid_t, Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw LocalClusterError.commandFailed(executable, output: "could not create a pipe (errno \(errno))")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)

        // Through `sh` to start in `/`: the server inherits its working directory, and ours may be
        // unreadable by the server user (posix_spawn's chdir action is a GNU extension).
        let command = ["/bin/sh", "-c", "cd / && exec \"$0\" \"$@\"", executable] + arguments
        let argv = command.map { strdup($0) }
        let environment = Self.environment(from: ProcessInfo.processInfo.environment).map {
            strdup("\($0.key)=\($0.value)")
        }
        defer { (argv + environment).forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv + [nil], environment + [nil])
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw LocalClusterError.commandFailed(executable, output: String(cString: strerror(spawned)))
        }
        return (pid, fds[0])
    }
}
