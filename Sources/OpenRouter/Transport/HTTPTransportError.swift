/// Why a request got no complete response: the server could not be reached, the connection
/// broke, the time ran out, or the body grew past its limit. HTTP error statuses are not this
/// error; they are responses.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The total timeout passed before the response was complete.
        case timeout
        /// No byte arrived for `HTTPRequest.idleTimeout` (headers or body, streams included).
        case idleTimeout
        /// The body, decompressed, exceeded `HTTPRequest.maximumResponseBytes`; the transfer was aborted.
        case responseTooLarge
        /// The connection closed before the body announced (or a chunked body's end) arrived.
        case truncated
        /// The connection was reset, or closed without any response.
        case connectionReset
        /// The host name could not be resolved (DNS).
        case hostNotFound
        /// Nothing accepted the connection: refused, unreachable, or no answer within the connect timeout.
        case connectionRefused
        /// Anything else on the way: TLS, a proxy, a protocol error.
        case connectionFailed
        /// The request could not be set up (a malformed URL, an unsupported option).
        case invalidRequest
    }

    public var kind: Kind
    /// One sentence naming what went wrong, from libcurl's error buffer (never includes headers).
    public var message: String
    /// libcurl's `CURLcode`, for debugging.
    public var curlCode: Int

    public init(kind: Kind, message: String, curlCode: Int = 0) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String { message }
}
