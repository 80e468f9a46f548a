/// Why a request got no complete response: the server could not be reached, the connection
/// broke, or the time ran out. HTTP error statuses are not this error; they are responses.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The total timeout passed before the response was complete.
        case timeout
        /// Refused, reset, DNS, TLS, or closed before the whole body arrived.
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
