import Foundation

/// A session as stored: one REPL session, script execution or replay.
public struct StoredSession: Sendable, Hashable {
    public var id: Int64
    public var kind: SessionKind
    public var sourcePath: String?
    public var replayOf: Int64?
    public var status: SessionStatus
    public var startedAt: Date
    public var endedAt: Date?
    public var metadata: JSONValue

    public init(
        id: Int64, kind: SessionKind, sourcePath: String?, replayOf: Int64?, status: SessionStatus, startedAt: Date,
        endedAt: Date?, metadata: JSONValue
    ) {
        self.id = id
        self.kind = kind
        self.sourcePath = sourcePath
        self.replayOf = replayOf
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.metadata = metadata
    }
}
