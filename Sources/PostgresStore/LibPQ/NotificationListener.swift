import Foundation
import Synchronization

/// Receives `NOTIFY`s on some channels over a connection of its own, on a thread of its own, and
/// hands them on as an `AsyncStream`.
///
/// Waiting for a notification means blocking on the socket, and the cooperative pool (two threads
/// on this machine) must never block, so a dedicated thread `poll()`s, a quarter second at a time
/// to notice `stop()`. When the server goes away (restart, termination) the thread reconnects every
/// half second, issues the `LISTEN`s again and yields `.reconnected`: notifications sent meanwhile
/// are lost, so a consumer should read the state it follows again.
///
/// The listener stops when `stop()` is called, when it is released, or when the consumer stops
/// iterating `events`.
public final class NotificationListener: Sendable {
    public enum Event: Sendable, Hashable {
        case notification(DatabaseNotification)
        /// The connection broke and was re-established; anything sent in between was missed.
        case reconnected
    }

    /// Everything received, in order; it finishes when the listener stops.
    public let events: AsyncStream<Event>
    private let stopped: StopFlag

    private init(events: AsyncStream<Event>, stopped: StopFlag) {
        self.events = events
        self.stopped = stopped
    }

    deinit {
        stop()
    }

    /// Connects, subscribes to `channels`, and starts listening; throws if the first connection or
    /// `LISTEN` fails (later failures are retried).
    public static func start(conninfo: String, channels: [String]) async throws(DatabaseError) -> NotificationListener {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let stopped = StopFlag()
        continuation.onTermination = { _ in stopped.stop() }
        let started: Result<Void, DatabaseError> = await withCheckedContinuation { ready in
            Thread.detachNewThread {
                Self.listen(conninfo: conninfo, channels: channels, stopped: stopped, to: continuation, ready: ready)
            }
        }
        try started.get()
        return NotificationListener(events: events, stopped: stopped)
    }

    /// Ends listening within a quarter second; `events` then finishes.
    public func stop() {
        stopped.stop()
    }

    /// The listening thread: owns the connection from start to end.
    private static func listen(
        conninfo: String, channels: [String], stopped: StopFlag, to events: AsyncStream<Event>.Continuation,
        ready: CheckedContinuation<Result<Void, DatabaseError>, Never>
    ) {
        defer { events.finish() }
        let connection: Connection
        do {
            connection = try Connection(conninfo: conninfo)
            try connection.listen(to: channels)
        } catch {
            ready.resume(returning: .failure(error))
            return
        }
        ready.resume(returning: .success(()))
        var subscribed = true
        while !stopped.isStopped {
            do throws(DatabaseError) {
                if !connection.isConnected || !subscribed {
                    subscribed = false
                    if !connection.isConnected { try connection.reconnect() }
                    try connection.listen(to: channels)
                    subscribed = true
                    events.yield(.reconnected)
                }
                for notification in try connection.awaitNotifications(timeoutMilliseconds: 250) {
                    events.yield(.notification(notification))
                }
            } catch {
                for _ in 0..<5 where !stopped.isStopped { usleep(100_000) }
            }
        }
    }
}

/// Set once to end the listening thread; read by it between waits.
private final class StopFlag: Sendable {
    private let value = Mutex(false)

    var isStopped: Bool { value.withLock { $0 } }

    func stop() {
        value.withLock { $0 = true }
    }
}
