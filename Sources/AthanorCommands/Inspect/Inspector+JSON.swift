import AthanorCore
import Foundation

/// `--format json` for the browsing commands: each gives one JSON document, in the shapes
/// docs/json.md specifies. Moments are `JSONValue.timestamp`s, a run's totals are
/// `RunTotals.jsonValue` and a result is `ResultValue.documentJSON`, as in `athanor run`'s document.
extension Inspector {
    /// `athanor sessions --format json`: `{"sessions": [...]}`, newest first.
    func sessionsJSON(limit: Int = 20) async throws -> JSONValue {
        let sessions = try await store.sessions(limit: limit)
        return [
            "sessions": .array(
                sessions.map { s in
                    [
                        "id": .number(Double(s.id)), "kind": .string(s.kind.rawValue),
                        "status": .string(s.status.rawValue), "started_at": .timestamp(s.startedAt),
                        "ended_at": .timestamp(s.endedAt), "source_path": JSONValue(s.sourcePath),
                        "replay_of": JSONValue(s.replayOf.map { Int($0) }),
                    ]
                })
        ]
    }

    /// `athanor runs --format json`: `{"runs": [...]}`, newest first.
    func runsJSON(session: Int64? = nil, status: RunStatus? = nil, limit: Int = 20) async throws -> JSONValue {
        let runs = try await store.runs(sessionID: session, status: status, limit: limit)
        return ["runs": .array(runs.map(Self.summaryJSON))]
    }

    /// `athanor logs RUN --format json`: `{"run_id": RUN, "logs": [...]}`, oldest first.
    func logsJSON(run id: Int64, level: LogLevel = .debug) async throws -> JSONValue {
        guard try await store.run(id: id) != nil else { throw InspectionError.noRun(id) }
        var logs: [JSONValue] = []
        var after: Int64 = 0
        while true {
            let entries = try await store.logs(runID: id, after: after, limit: 1000)
            after = entries.last?.id ?? after
            logs += entries.map(\.log).filter { Self.log($0, isAtLeast: level) }.map(Self.logJSON)
            if entries.count < 1000 { break }
        }
        return ["run_id": .number(Double(id)), "logs": .array(logs)]
    }

    /// `athanor show RUN --format json`: the run as `runs` lists it, with its definition, metadata,
    /// every stored result (in plan order) and the recent logs, written to `write` piece by piece:
    /// the results as they are read, a page at a time, so a run of any size is written in the
    /// same memory. The members come sorted by name, as `JSONValue.serialized()` puts them.
    func showJSON(run id: Int64, logLimit: Int = 20, write: (String) throws -> Void) async throws {
        guard let stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
        let logs = try await store.logs(runID: id, limit: logLimit)
        guard case .object(var members) = Self.summaryJSON(stored) else { return }
        members["definition"] = stored.definition
        members["metadata"] = stored.metadata
        members["logs"] = .array(logs.map(Self.logJSON))
        try write("{")
        let names = (Array(members.keys) + ["results"]).sorted()
        for (i, name) in names.enumerated() {
            try write((i == 0 ? "" : ",") + JSONValue.string(name).serialized() + ":")
            if let value = members[name] {
                try write(value.serialized())
                continue
            }
            try write("[")
            var first = true
            for try await result in store.results(runID: id) {
                var writer = JSONWriter(capacity: 16_384)
                ResultValue(key: result.key, json: result.value).writeDocument(to: &writer)
                try write((first ? "" : ",") + writer.text)
                first = false
            }
            try write("]")
        }
        try write("}")
    }

    /// A stored run as `runs` lists it and `show` begins it.
    static func summaryJSON(_ run: StoredRun) -> JSONValue {
        [
            "id": .number(Double(run.id)), "name": .string(run.instanceName), "status": .string(run.status.rawValue),
            "session_id": JSONValue(run.sessionID.map { Int($0) }), "cell_id": JSONValue(run.cellID.map { Int($0) }),
            "started_at": .timestamp(run.startedAt), "completed_at": .timestamp(run.completedAt),
            "error": JSONValue(run.error), "planned_points": .number(Double(run.plannedPoints)),
            "totals": run.totals.jsonValue,
        ]
    }

    /// One log line, as `logs` and `show` give it.
    static func logJSON(_ log: StoredLog) -> JSONValue {
        [
            "time": .timestamp(log.timestamp), "level": .string(log.level.rawValue), "message": .string(log.message),
            "metadata": log.metadata,
        ]
    }
}
