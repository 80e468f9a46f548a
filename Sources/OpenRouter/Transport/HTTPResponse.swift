/// A complete HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lowercased; repeated headers are joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]
    /// How long the request waited for its `inFlightLimit` before it was sent.
    public var queued: Duration

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], queued: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.body = body
        self.queued = queued
    }
}
