import Foundation

/// Answers a run received but could not store, kept in a local file until `resume` stores them.
///
/// When the database stays out of reach longer than a run may wait, the answers already paid for
/// are written here (one JSON line each: the row and its numbers) rather than dropped; the process
/// then exits saying where they are. `athanor resume RUN` reads them back, stores those whose
/// point is in the run's plan with the same key, and removes the file. The folder is private
/// (0700, files 0600): answers can hold whatever a prompt held.
public struct HeldAnswers: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/athanor/held`, else `~/.local/state/athanor/held`.
    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/state"
        self.init(directory: URL(fileURLWithPath: state).appendingPathComponent("athanor/held"))
    }

    public func file(runID: Int64) -> URL {
        directory.appendingPathComponent("run-\(runID).jsonl")
    }

    /// Appends `rows` to the run's file; returns its path.
    public func hold(_ rows: [ResultRow], runID: Int64) throws -> URL {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let url = file(runID: runID)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard
                FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        var text = ""
        for row in rows { text += Self.line(row) + "\n" }
        try handle.write(contentsOf: Data(text.utf8))
        return url
    }

    /// The rows held for the run (none when there is no file); lines that do not read are skipped.
    public func rows(runID: Int64) -> [ResultRow] {
        guard let data = FileManager.default.contents(atPath: file(runID: runID).path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONValue.parse(line)).flatMap(Self.row)
        }
    }

    public func discard(runID: Int64) {
        try? FileManager.default.removeItem(at: file(runID: runID))
    }

    private static func line(_ row: ResultRow) -> String {
        var writer = JSONWriter(capacity: 256 + row.json.utf8.count)
        writer.write([
            "key": .string(row.key), "point_index": row.pointIndex.map { .number(Double($0)) } ?? .null,
            "failed": .bool(row.failed), "without_logprobs": .bool(row.withoutLogprobs),
            "requests": .number(Double(row.requests)),
            "answered_turns": .number(Double(row.answeredTurns)), "prompt_tokens": .number(Double(row.promptTokens)),
            "completion_tokens": .number(Double(row.completionTokens)), "cost": .number(row.cost),
            "latency_ms": .number(row.latencyMilliseconds),
        ])
        // The value is jsonb text already: it goes in as it is, the last member.
        var text = writer.text
        text.removeLast()
        return text + ",\"value\":" + row.json + "}"
    }

    private static func row(_ json: JSONValue) -> ResultRow? {
        guard let key = json["key"]?.stringValue, let value = json["value"] else { return nil }
        var row = ResultRow(key: key, pointIndex: json["point_index"]?.intValue, json: value.serializedForJSONB())
        row.failed = json["failed"]?.boolValue ?? false
        row.withoutLogprobs = json["without_logprobs"]?.boolValue ?? false
        row.requests = json["requests"]?.intValue ?? 0
        row.answeredTurns = json["answered_turns"]?.intValue ?? 0
        row.promptTokens = json["prompt_tokens"]?.intValue ?? 0
        row.completionTokens = json["completion_tokens"]?.intValue ?? 0
        row.cost = json["cost"]?.doubleValue ?? 0
        row.latencyMilliseconds = json["latency_ms"]?.doubleValue ?? 0
        return row
    }
}
