import CLibPQ
import Foundation

/// One libpq connection: the only owner of its `PGconn`.
///
/// Not thread-safe and not `Sendable`: an actor (see `PostgresRunStore`) owns it and calls it from its
/// serial executor. libpq blocks while a statement runs, which is why that actor has its own thread
/// instead of occupying one of the two cooperative-pool threads.
///
/// `PQfinish` is called in `deinit` only: a throwing `init` still runs `deinit` once every stored
/// property is set, and freeing in both places double-frees (c-libraries.md §6.4).
public final class Connection {
    let handle: OpaquePointer

    /// Connects with a URL (`postgresql://…`), a `key=value` string, or "" for libpq's `PG*` variables.
    ///
    /// Forces UTF-8 in the startup packet (so it survives `PQreset`) and silences NOTICEs, which libpq
    /// would otherwise print to our terminal (e.g. from `CREATE … IF NOT EXISTS`).
    public init(conninfo: String) throws(DatabaseError) {
        let keywords = ["dbname", "client_encoding", "fallback_application_name"]
        let values = [conninfo, "UTF8", "athanor"]
        let conn = Self.withCStrings(keywords) { keys in
            Self.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let conn else {
            throw DatabaseError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        handle = conn
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError(code: .connectionFailed, message: lastErrorMessage)
        }
    }

    deinit {
        PQfinish(handle)
    }

    /// True while libpq believes the socket is healthy; false after the server went away.
    public var isConnected: Bool {
        PQstatus(handle) == CONNECTION_OK
    }

    /// The server process serving us; it changes after a reconnect.
    public var backendPID: Int32 {
        PQbackendPID(handle)
    }

    /// Whether a transaction is open, so a broken statement must not be silently retried.
    var isIdle: Bool {
        PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Re-establishes the connection with the same parameters (new backend, session state gone).
    public func reconnect() throws(DatabaseError) {
        PQreset(handle)
        guard isConnected else {
            throw DatabaseError(code: .connectionLost, message: lastErrorMessage)
        }
    }

    /// A handle another thread can use to cancel the statement running now (Ctrl-C during a query).
    /// Make it just before the statement: after a reconnect an older token targets the old backend.
    public func makeCancelToken() -> CancelToken? {
        PQgetCancel(handle).map(CancelToken.init)
    }

    var lastErrorMessage: String {
        guard let text = PQerrorMessage(handle) else { return "unknown error" }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "unknown error" : message
    }

    /// C string arrays that live exactly as long as the call.
    static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0)! } }
        defer { copies.forEach { free($0) } }
        return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }
}
