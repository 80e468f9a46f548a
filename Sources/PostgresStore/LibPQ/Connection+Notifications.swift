import CLibPQ
import Foundation

/// `LISTEN` and waiting for notifications on the connection's socket (c-libraries.md §3).
extension Connection {
    /// Subscribes to every channel in one round trip, without the reconnect-and-retry of
    /// `execute`: a reconnect between two `LISTEN`s would silently drop the first.
    func listen(to channels: [String]) throws(DatabaseError) {
        let statements = channels.map { channel -> String in
            let sql: SQL = "LISTEN \(identifier: channel)"
            return sql.text
        }
        try executeScript(statements.joined(separator: "; "))
    }

    /// Waits up to `timeoutMilliseconds` for the server to send something and returns the
    /// notifications that arrived (often none).
    ///
    /// Blocks the calling thread in `poll()`: call it from a thread of its own, never from a task.
    /// Throws `connectionLost` when the server closed the connection (restart, termination).
    func awaitNotifications(timeoutMilliseconds: Int32) throws(DatabaseError) -> [DatabaseNotification] {
        // Some may have been read already, together with the result of an earlier statement.
        let pending = takeNotifications()
        guard pending.isEmpty else { return pending }
        let socket = PQsocket(handle)
        guard socket >= 0, isConnected else { throw DatabaseError(code: .connectionLost, message: lastErrorMessage) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return [] }
        guard PQconsumeInput(handle) == 1, isConnected else {
            throw DatabaseError(code: .connectionLost, message: lastErrorMessage)
        }
        return takeNotifications()
    }

    /// Everything libpq has parsed so far, freeing each as it is copied out.
    private func takeNotifications() -> [DatabaseNotification] {
        var received: [DatabaseNotification] = []
        while let notify = PQnotifies(handle) {
            received.append(
                DatabaseNotification(
                    channel: String(cString: notify.pointee.relname),
                    payload: notify.pointee.extra.map { String(cString: $0) } ?? ""))
            PQfreemem(notify)
        }
        return received
    }
}
