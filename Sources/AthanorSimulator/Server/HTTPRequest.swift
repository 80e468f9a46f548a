/// One parsed HTTP/1.1 request.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The target without its query string.
    public var path: String
    public var query: [String: String]
    public var version: String
    /// Names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [String: String] = [:], version: String = "HTTP/1.1",
        headers: [String: String] = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
        self.body = body
    }

    /// For the parser, whose header names are lower-cased already.
    init(
        method: String, path: String, query: [String: String], version: String,
        lowercasedHeaders headers: [String: String]
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        body = []
    }

    /// HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes unless asked to keep it.
    public var keepAlive: Bool {
        let connection = LowercasedText(headers["connection"] ?? "")
        return version == "HTTP/1.0"
            ? Self.keepAliveToken.isContained(in: connection) : !Self.closeToken.isContained(in: connection)
    }

    private static let keepAliveToken = LowercasedText("keep-alive")
    private static let closeToken = LowercasedText("close")
}
