import CLibPQ

/// Asks the server to stop the statement a connection is running, from any thread.
///
/// libpq documents `PQcancel` as safe to call from a signal handler or another thread while the
/// connection's own thread is blocked in `PQexec*`; this wrapper owns the `PGcancel` it needs.
public final class CancelToken: @unchecked Sendable {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Sends the cancel request; the running statement then fails with `DatabaseError.Code.cancelled`.
    /// Returns false when the request could not be sent (the statement may already have finished).
    @discardableResult
    public func cancel() -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &buffer, Int32(buffer.count)) == 1
    }
}
