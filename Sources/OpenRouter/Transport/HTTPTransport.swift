/// Something that can carry an HTTP request to a server and bring the response back.
///
/// The seam between the OpenRouter client and libcurl: the client is tested against a real
/// loopback server through `CurlMultiTransport`, and the rest of the client is pure code.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the complete response, whatever its status.
    ///
    /// Throws `HTTPTransportError` when no complete response arrived, and `CancellationError`
    /// when the calling task is cancelled (the transfer is aborted at once).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
