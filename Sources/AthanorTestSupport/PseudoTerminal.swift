import Foundation

/// Runs a program on a pseudo-terminal and plays the user: types text and keys, reads what it prints.
///
/// For end-to-end tests of the interactive `athanor` (line editing, completion, Ctrl-C), which behave differently
/// when stdin is not a TTY. The program starts in its own session with the pty as its controlling terminal (so
/// Ctrl-C becomes SIGINT when the program has ISIG on). `posix_spawn` instead of `fork`, because forking a
/// multi-threaded Swift process is unsafe. Output is kept byte for byte, escape sequences included. Not
/// thread-safe; one test owns one instance. The program is terminated in `deinit` if still running.
public final class PseudoTerminal {
    public enum Key: Sendable {
        case tab, enter, up, down, left, right, backspace, escape, ctrlA, ctrlC, ctrlD, ctrlE, ctrlK

        var bytes: String {
            switch self {
            case .tab: "\t"
            case .enter: "\r"
            case .up: "\u{1B}[A"
            case .down: "\u{1B}[B"
            case .right: "\u{1B}[C"
            case .left: "\u{1B}[D"
            case .backspace: "\u{7F}"
            case .escape: "\u{1B}"
            case .ctrlA: "\u{01}"
            case .ctrlC: "\u{03}"
            case .ctrlD: "\u{04}"
            case .ctrlE: "\u{05}"
            case .ctrlK: "\u{0B}"
            }
        }
    }

    public let processID: pid_t
    private let master: Int32
    private var unread: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `executable` (a path) with `arguments` and exactly `environment` on a `columns` × `rows` terminal.
    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        columns: UInt16 = 100,
        rows: UInt16 = 30
    ) throws(PseudoTerminalError) {
        let master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw PseudoTerminalError(code: .spawnFailed(errno: errno), output: "") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = Self.slaveName(master),
            ioctl(master, UInt(TIOCSWINSZ), &size) == 0
        else {
            let number = errno
            close(master)
            throw PseudoTerminalError(code: .spawnFailed(errno: number), output: "")
        }
        let slavePath = name

        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // setsid runs before the file actions, so opening the slave makes it the controlling terminal.
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)  // a test runner's ignored SIGINT must not leak into the program
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(master)
            throw PseudoTerminalError(code: .spawnFailed(errno: result), output: "")
        }
        self.master = master
        self.processID = pid
    }

    deinit {
        if exitStatus == nil {
            kill(processID, SIGTERM)
            if (try? waitForExit(timeout: .seconds(2))) == nil {
                kill(processID, SIGKILL)
                var status: Int32 = 0
                waitpid(processID, &status, 0)
            }
        }
        close(master)
    }

    /// Types `text` as the user would (a "\n" is the Enter key only if the program treats it so; use `.enter`).
    public func send(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = write(master, bytes, bytes.count)
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            bytes.removeFirst(written)
        }
    }

    /// Resizes the terminal as a window would; the program gets SIGWINCH.
    public func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    public func send(key: Key) {
        send(key.bytes)
    }

    /// Reads until `substring` appears; returns everything up to and including it and keeps the rest for the
    /// next call. Nothing is stripped: escape sequences and "\r\n" are returned as the program wrote them.
    @discardableResult
    public func readUntil(_ substring: String, timeout: Duration = .seconds(5)) throws(PseudoTerminalError) -> String {
        let needle = Array(substring.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let end = Self.end(of: needle, in: unread) {
                let found = String(decoding: unread[..<end], as: UTF8.self)
                unread.removeFirst(end)
                return found
            }
            switch fill(until: deadline) {
            case .data: continue
            case .timeout:
                throw PseudoTerminalError(code: .timedOut(waitingFor: substring), output: pending)
            case .closed:
                throw PseudoTerminalError(code: .endOfOutput(waitingFor: substring), output: pending)
            }
        }
    }

    /// Everything read but not yet returned by `readUntil`.
    public var pending: String { String(decoding: unread, as: UTF8.self) }

    /// Waits for the program to end (reading its output meanwhile, so it never blocks on a full terminal) and
    /// returns its exit status, or 128 + the signal number that ended it, as a shell reports it.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(5)) throws(PseudoTerminalError) -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID {
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitStatus = code
                return code
            }
            guard ContinuousClock.now < deadline else {
                throw PseudoTerminalError(code: .stillRunning, output: pending)
            }
            if fill(until: min(deadline, ContinuousClock.now + .milliseconds(20))) == .closed {
                usleep(5_000)
            }
        }
    }

    private enum ReadOutcome { case data, timeout, closed }

    private func fill(until deadline: ContinuousClock.Instant) -> ReadOutcome {
        let remaining = max(.zero, deadline - ContinuousClock.now)
        let milliseconds = Int32(
            remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready == 0 { return .timeout }
        if ready < 0 { return errno == EINTR ? .data : .closed }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return .closed }  // EIO once the program has closed the terminal
        unread += buffer[..<count]
        return .data
    }

    private static func slaveName(_ master: Int32) -> String? {
        var name = [CChar](repeating: 0, count: 128)
        guard ptsname_r(master, &name, name.count) == 0 else { return nil }
        return name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    private static func end(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}

#if canImport(Glibc)
    // Glibc's Swift module leaves out X/Open and GNU declarations, so these libc symbols are declared here.
    @_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
    @_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
    @_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
    @_silgen_name("ptsname_r") private func ptsname_r(_ fd: Int32, _ buffer: UnsafeMutablePointer<CChar>, _ size: Int)
        -> Int32
    extension PseudoTerminal {
        /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension, hidden from Swift like the functions above).
        fileprivate static let spawnSetSID: Int32 = 0x80
    }
#else
    extension PseudoTerminal {
        fileprivate static let spawnSetSID = POSIX_SPAWN_SETSID
    }
#endif
