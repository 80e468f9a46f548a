/// One HTTP request as the OpenRouter client hands it to a transport.
///
/// The credential travels apart from `headers` as an `APIKey`, so printing or logging a request
/// can never show it; the transport turns it into `Authorization: Bearer …` at the last moment.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Header names and values, sent in this order.
    public var headers: [(name: String, value: String)]
    /// Sent as `Authorization: Bearer <key>` when set.
    public var bearerToken: APIKey?
    public var body: [UInt8]
    /// Total time allowed for the whole exchange, connection included.
    public var timeout: Duration

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
        bearerToken: APIKey? = nil, body: [UInt8] = [], timeout: Duration = .seconds(120)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.bearerToken = bearerToken
        self.body = body
        self.timeout = timeout
    }
}
