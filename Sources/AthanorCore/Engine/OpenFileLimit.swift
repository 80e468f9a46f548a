#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many files the process may open (`RLIMIT_NOFILE`), and so how many requests a run may
/// have in flight: each needs a socket, and two more while libcurl's threaded resolver looks
/// up its host, so a concurrency the limit cannot hold fails points with "too many open files".
///
/// The executable raises the soft limit to the hard one at start (`raiseToHardLimit`); a run
/// whose concurrency is still more than the limit allows is lowered to it (`clamp`), saying so.
public struct OpenFileLimit: Sendable, Equatable {
    /// The soft limit: what `open` and `socket` are held to.
    public var soft: Int

    /// Files kept back for everything but the requests: standard streams, PostgreSQL
    /// connections, the history file, libcurl's and the runtime's own descriptors.
    public static let reserve = 64
    /// A connection's socket and, while its host name is resolved, the resolver's socket pair.
    public static let filesPerRequest = 3

    public init(soft: Int) {
        self.soft = soft
    }

    /// The process's soft limit now.
    public static var current: OpenFileLimit {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return OpenFileLimit(soft: 1024) }
        return OpenFileLimit(soft: Int(clamping: limit.rlim_cur))
    }

    /// Raises the soft limit to the hard one (to 2^20 when the hard one is unlimited), once, at
    /// start; returns the limit in force afterwards (unchanged when the system refuses).
    @discardableResult
    public static func raiseToHardLimit() -> OpenFileLimit {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return current }
        let target = limit.rlim_max == rlim_t.max ? 1 << 20 : limit.rlim_max  // rlim_t.max: RLIM_INFINITY
        if limit.rlim_cur < target {
            var raised = limit
            raised.rlim_cur = target
            _ = setrlimit(resourceNumber, &raised)
        }
        return current
    }

    /// The most requests in flight this limit holds: what is left after the reserve (half the
    /// limit when the limit is small), shared out at `filesPerRequest` each; at least 1.
    public var concurrency: Int {
        let reserve = min(Self.reserve, soft / 2)
        return max(1, (soft - reserve) / Self.filesPerRequest)
    }

    /// The concurrency a run asks for, lowered to what the limit holds, with the sentence that
    /// says so when it was lowered.
    public func clamp(_ requested: Int) -> (concurrency: Int, note: String?) {
        guard requested > concurrency else { return (requested, nil) }
        return (concurrency, "concurrency \(requested) lowered to \(concurrency): the process may open \(soft) files")
    }

    #if canImport(Glibc)
        private static let resourceNumber = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resourceNumber = RLIMIT_NOFILE
    #endif
}
