/// Wake-ups whenever a run's stored state may have changed (its status, new rows, or a reconnect
/// after which changes may have been missed), whichever process runs it: what `watch` follows.
public struct RunChangeFeed: Sendable {
    public let changes: AsyncStream<Void>
    private let stopping: @Sendable () -> Void

    public init(changes: AsyncStream<Void>, stop: @escaping @Sendable () -> Void) {
        self.changes = changes
        stopping = stop
    }

    /// Ends the feed; `changes` then finishes.
    public func stop() {
        stopping()
    }
}
