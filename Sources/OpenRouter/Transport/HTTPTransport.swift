/// Something that can carry an HTTP request to a server and bring the response back.
///
/// The seam between the OpenRouter client and libcurl: the client is tested against a real
/// loopback server through `CurlMultiTransport`, and the rest of the client is pure code.
///
/// A transport applies `HTTPRequest.inFlightLimit`: at most `limit` requests that share it are in
/// flight at once, the others wait in order, each one started is reported with
/// `requestStarted()`, and the wait is returned as the response's `queued`. A run's concurrency
/// is only as good as its transport's keeping of this.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the complete response, whatever its status.
    ///
    /// Throws `HTTPTransportError` when no complete response arrived, and `CancellationError`
    /// when the calling task is cancelled (the transfer is aborted at once).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends the request and returns as soon as the status and headers are in; the body follows
    /// as it arrives (server-sent events). Errors as for `send`.
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

extension HTTPTransport {
    /// For transports that cannot stream: the whole response, then its body as one piece.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let response = try await send(request)
        let (body, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        if !response.body.isEmpty { continuation.yield(response.body) }
        continuation.finish()
        return HTTPStreamingResponse(
            status: response.status, headers: response.headers, body: HTTPResponseBody(pieces: body),
            queued: response.queued)
    }
}
