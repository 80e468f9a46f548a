/// A run as the language sees it: `id`, `status`, `results`, `session`.
public struct RunValue: Sendable, Hashable, CustomStringConvertible {
    public var id: Int64
    public var name: String
    public var status: RunStatus
    public var sessionID: Int64?
    public var results: [ResultValue]

    public init(id: Int64, name: String, status: RunStatus, sessionID: Int64?, results: [ResultValue]) {
        self.id = id
        self.name = name
        self.status = status
        self.sessionID = sessionID
        self.results = results
    }

    public var description: String { "run \(id) (\(name), \(status.rawValue), \(results.count) results)" }
}
