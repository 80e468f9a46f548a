import Foundation

/// One result waiting in the run's writer: its key and the value to store in `run_results.value`.
public struct ResultRow: Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// One log entry waiting in the run's writer; `timestamp` is when it happened, not when it was flushed.
public struct LogRow: Sendable {
    public var level: LogLevel
    public var message: String
    public var metadata: JSONValue
    public var timestamp: Date

    public init(level: LogLevel, message: String, metadata: JSONValue, timestamp: Date = Date()) {
        self.level = level
        self.message = message
        self.metadata = metadata
        self.timestamp = timestamp
    }
}
