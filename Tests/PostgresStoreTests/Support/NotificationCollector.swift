import Foundation
import PostgresStore
import Synchronization

/// Keeps every event a listener yields, from one consuming task, so a test can wait for the one it
/// expects with a deadline (cancelling a task that iterates the stream would end the stream).
final class NotificationCollector: Sendable {
    /// Held so the listener is not released (and stopped) while the test still waits on it.
    private let listener: NotificationListener
    private let received = Mutex<[NotificationListener.Event]>([])
    private let finished = Mutex(false)

    init(_ listener: NotificationListener) {
        self.listener = listener
        Task { [self] in
            for await event in listener.events { received.withLock { $0.append(event) } }
            finished.withLock { $0 = true }
        }
    }

    var events: [NotificationListener.Event] { received.withLock { $0 } }
    var hasFinished: Bool { finished.withLock { $0 } }

    /// The payloads of the notifications received so far, in order.
    var payloads: [String] {
        events.compactMap { event in
            if case .notification(let notification) = event { return notification.payload }
            return nil
        }
    }

    /// Waits until `condition` holds (true) or `seconds` pass (false).
    func wait(seconds: Double = 5, until condition: (NotificationCollector) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }
}
