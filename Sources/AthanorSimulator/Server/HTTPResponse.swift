/// What the connection should send back, including how slowly and how brokenly.
///
/// Handlers stay free of sockets and sleeps: delays and deliberate breakage (a short body,
/// a stream cut without its last chunk) are data here, and `HTTPConnection` carries them out.
public struct HTTPResponse: Sendable {
    /// A piece of a streamed body, sent as one chunk after waiting `delay`.
    public struct StreamPart: Sendable {
        public var delay: Duration
        public var text: String

        public init(delay: Duration = .zero, text: String) {
            self.delay = delay
            self.text = text
        }
    }

    public enum Body: Sendable {
        case bytes([UInt8])
        /// `Transfer-Encoding: chunked`; when `complete` is false the connection closes
        /// without the terminating chunk, as a dropped upstream would.
        case stream([StreamPart], complete: Bool)
        /// Announces `declaredLength` bytes, sends fewer, then closes the connection.
        case truncated([UInt8], declaredLength: Int)
        /// `head`, then `count` copies of the byte `filler`, then `tail`, with its `Content-Length`:
        /// a body of any size that is never held in memory (a huge answer, a gzip bomb).
        case run(head: [UInt8], filler: UInt8, count: Int, tail: [UInt8])
        /// `Transfer-Encoding: chunked`: `head`, then `unit` again and again until the client leaves.
        case endless(head: [UInt8], unit: [UInt8])
        /// `Transfer-Encoding: chunked` announced, then not one byte more until the client leaves.
        case stall
        /// No response: the connection is closed with a TCP reset (`SO_LINGER` 0).
        case reset
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// The simulated provider's thinking time: the status line goes out this long after the
    /// request arrived (building the response counts toward it, as it would at a real provider).
    public var delay: Duration
    /// Called once the response was written or the client went away.
    public var onFinish: (@Sendable () -> Void)?

    public init(
        status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([]), delay: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    public static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Self {
        HTTPResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(Array(text.utf8)))
    }

    /// A JSON body already written as bytes.
    static func json(_ status: Int, _ json: BodyBytes, headers: [(name: String, value: String)] = []) -> Self {
        HTTPResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(json.bytes))
    }

    /// The body as text, for tests; streams are joined without chunk framing.
    public var bodyText: String {
        switch body {
        case .bytes(let bytes), .truncated(let bytes, _): String(decoding: bytes, as: UTF8.self)
        case .stream(let parts, _): parts.map(\.text).joined()
        case .run(let head, _, _, _), .endless(let head, _): String(decoding: head, as: UTF8.self)
        case .stall, .reset: ""
        }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func reason(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        default: "Status \(status)"
        }
    }
}
