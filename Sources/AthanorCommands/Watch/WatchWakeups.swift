import AthanorCore

/// When `watch` should look at its run again: at each notification on the run's channel, and every
/// `interval` without one (a notification lost while the listener reconnected, a run whose
/// process died and so will never notify again).
///
/// Wake-ups that arrive while the watcher is busy collapse into one: it reads the whole state each
/// time, so one pending wake-up is as good as many. `stop()` (or releasing it) ends both sources.
final class WatchWakeups {
    private var iterator: AsyncStream<Void>.Iterator
    private let continuation: AsyncStream<Void>.Continuation

    init(feed: RunChangeFeed, interval: Duration) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let notified = Task {
            for await _ in feed.changes { continuation.yield() }
        }
        let ticking = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield()
            }
        }
        continuation.onTermination = { _ in
            notified.cancel()
            ticking.cancel()
            feed.stop()
        }
        self.iterator = stream.makeAsyncIterator()
        self.continuation = continuation
    }

    deinit {
        stop()
    }

    /// Waits for the next wake-up; false once stopped or when the waiting task is cancelled.
    func next() async -> Bool {
        await iterator.next() != nil
    }

    func stop() {
        continuation.finish()
    }
}
