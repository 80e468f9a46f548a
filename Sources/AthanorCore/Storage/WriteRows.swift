import Foundation

/// One result waiting in the run's writer: its key and the value to store in `run_results.value`,
/// already written as jsonb text.
///
/// Serialized by the task that finished the point, not by the writer: the text is a quarter of
/// the memory of the `JSONValue` tree it comes from, and the writer's one thread only binds it.
public struct ResultRow: Sendable {
    public var key: String
    /// The value as JSON that PostgreSQL's jsonb accepts (`JSONValue.serializedForJSONB()`).
    public var json: String

    public init(key: String, value: JSONValue) {
        self.init(key: key, json: value.serializedForJSONB())
    }

    /// A row whose value is already jsonb text (`ResultValue.jsonbText`).
    public init(key: String, json: String) {
        self.key = key
        self.json = json
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
