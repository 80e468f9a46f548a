/// A response whose body is still arriving: status and headers now, the body piece by piece.
///
/// The body ends when the transfer does, and throws the `HTTPTransportError` that ended it early
/// (a cut connection, the total timeout). A consumer that leaves its loop over the body early,
/// or whose task is cancelled while it waits for the next piece, aborts the transfer at once.
public struct HTTPStreamingResponse: Sendable {
    public var status: Int
    /// Header names lowercased; repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The body in the pieces the network delivered, in order.
    public var body: HTTPResponseBody
    /// How long the request waited for its `inFlightLimit` before it was sent.
    public var queued: Duration

    public init(status: Int, headers: [String: String] = [:], body: HTTPResponseBody, queued: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.body = body
        self.queued = queued
    }

    /// Reads the rest of the body into one array (for error statuses and bodies that are not SSE).
    public func collectBody() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await piece in body { bytes += piece }
        return bytes
    }
}
