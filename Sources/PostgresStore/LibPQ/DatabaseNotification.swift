/// One `NOTIFY` as a listener received it.
public struct DatabaseNotification: Sendable, Hashable {
    /// The channel it was sent on (`athanor_run_12`).
    public var channel: String
    /// The text sent with it; empty when there was none.
    public var payload: String

    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}
