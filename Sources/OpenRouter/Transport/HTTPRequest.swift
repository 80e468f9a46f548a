import AthanorCore

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
    /// Total time allowed for the whole exchange, connection included (not the time it waits
    /// for `inFlightLimit`).
    public var timeout: Duration
    /// The transfer fails when no byte arrives for this long (rounded up to whole seconds),
    /// streams included; nil waits as long as `timeout` allows.
    public var idleTimeout: Duration?
    /// The transfer is aborted once its body exceeds this many bytes as delivered, that is after
    /// decompression; nil accepts any size.
    public var maximumResponseBytes: Int?
    /// When set, the transport keeps at most `limit` requests with this same limit in flight and
    /// holds the others back, in the order they came, until one ends.
    public var inFlightLimit: (any InFlightLimit)?

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
        bearerToken: APIKey? = nil, body: [UInt8] = [], timeout: Duration = .seconds(120),
        idleTimeout: Duration? = nil, maximumResponseBytes: Int? = nil, inFlightLimit: (any InFlightLimit)? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.bearerToken = bearerToken
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.inFlightLimit = inFlightLimit
    }
}
