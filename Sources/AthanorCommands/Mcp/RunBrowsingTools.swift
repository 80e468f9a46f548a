import AthanorCore
import Foundation

/// The read-only tools: `list_runs`, `show_run`, `run_tokens`, `run_logs`. Each reads the store
/// the way `athanor runs|show|logs` do (`RunListing`, `Inspector`), page by page, and answers
/// with a JSON document.
struct RunBrowsingTools: Sendable {
    let store: @Sendable () async throws -> any RunStore

    func listRuns(_ arguments: McpArguments) async throws -> JSONValue {
        let session = try arguments.integer("session", in: 1...Int.max).map(Int64.init)
        let status = try arguments.choice("status", as: RunStatus.self)
        let limit = try arguments.integer("limit", in: 1...200) ?? 20
        let runs = try await store().runs(sessionID: session, status: status, limit: limit)
        return ["runs": .array(runs.map { .object(Self.summary($0)) })]
    }

    func showRun(_ arguments: McpArguments) async throws -> JSONValue {
        let id = try arguments.runID()
        let pageSize = try arguments.integer("page_size", in: 1...100) ?? 20
        let after = try arguments.string("cursor").map { text throws(McpToolError) in
            guard let position = ResultCursor.position(text) else {
                throw .invalid("show_run: '\(text)' is not a cursor; pass next_cursor from the previous page as it is")
            }
            return position
        }
        let store = try await store()
        let stored = try await Self.run(id, in: store)
        let page = try await store.results(runID: id, after: after, limit: pageSize + 1)
        let shown = page.prefix(pageSize)
        let results = shown.map { ResultValue(key: $0.result.key, json: $0.result.value) }
        var document = Self.summary(stored)
        document["definition"] = stored.definition
        document["results"] = .array(results.map(Self.resultRow))
        document["next_cursor"] =
            page.count > pageSize ? shown.last.map { .string(ResultCursor.text($0.position)) } ?? .null : .null
        return .object(document)
    }

    func runTokens(_ arguments: McpArguments) async throws -> JSONValue {
        let id = try arguments.runID()
        let point = try arguments.requiredInteger("point", in: 0...Int(Int32.max))
        let top = try arguments.integer("top", in: 0...20) ?? 5
        let store = try await store()
        let stored = try await Self.run(id, in: store)
        // The first row at or after the point, in plan order.
        let after = point == 0 ? nil : ResultPosition(pointIndex: point - 1, rowID: Int64.max)
        guard let row = try await store.results(runID: id, after: after, limit: 1).first,
            row.position.pointIndex == point
        else {
            throw McpToolError.failed(
                "run \(id) has no result for point \(point) (it has \(stored.totals.points) stored of "
                    + "\(max(stored.plannedPoints, stored.totals.points)) planned, numbered from 0)")
        }
        let result = ResultValue(key: row.result.key, json: row.result.value)
        let tokens = result.completion?.tokens ?? []
        return [
            "run": .number(Double(id)), "point": .number(Double(point)), "key": .string(result.key),
            "label": .string(result.label), "model": .string(result.modelName), "output": .string(result.output),
            "error": JSONValue(result.error),
            "tokens": .array(
                tokens.enumerated().map { index, token in
                    [
                        "position": .number(Double(index)), "token": .string(token.token),
                        "logprob": .number(token.logprob), "probability": .number(token.probability),
                        "alternatives": .array(
                            token.top.prefix(top).map {
                                [
                                    "token": .string($0.token), "logprob": .number($0.logprob),
                                    "probability": .number($0.probability),
                                ]
                            }),
                    ]
                }),
        ]
    }

    func runLogs(_ arguments: McpArguments) async throws -> JSONValue {
        let id = try arguments.runID()
        let level = try arguments.choice("level", as: LogLevel.self) ?? .debug
        let limit = try arguments.integer("limit", in: 1...1000) ?? 100
        let store = try await store()
        _ = try await Self.run(id, in: store)
        let order = LogLevel.allCases
        let logs = try await store.logs(runID: id, limit: limit)
            .filter { order.firstIndex(of: $0.level)! >= order.firstIndex(of: level)! }
        return [
            "run": .number(Double(id)),
            "logs": .array(
                logs.map {
                    [
                        "time": .string(RunListing.time($0.timestamp)), "level": .string($0.level.rawValue),
                        "message": .string($0.message), "metadata": $0.metadata,
                    ]
                }),
        ]
    }

    // MARK: Shapes

    static func run(_ id: Int64, in store: any RunStore) async throws -> StoredRun {
        guard let stored = try await store.run(id: id) else {
            throw McpToolError.failed("there is no run \(id); list_runs lists them")
        }
        return stored
    }

    /// A run without its results: what `list_runs` gives for each.
    static func summary(_ run: StoredRun) -> [String: JSONValue] {
        [
            "id": .number(Double(run.id)), "name": .string(run.instanceName), "status": .string(run.status.rawValue),
            "session_id": JSONValue(run.sessionID.map { Int($0) }),
            "started_at": JSONValue(run.startedAt.map(RunListing.time)),
            "completed_at": JSONValue(run.completedAt.map(RunListing.time)), "error": JSONValue(run.error),
            "planned_points": .number(Double(run.plannedPoints)), "totals": run.totals.jsonValue,
        ]
    }

    /// One result as a row of `show_run`: the columns of `athanor show`'s table.
    static func resultRow(_ result: ResultValue) -> JSONValue {
        let completion = result.completion
        return [
            "point": .number(Double(result.index)), "key": .string(result.key), "label": .string(result.label),
            "model": .string(result.modelName), "output": .string(result.output), "error": JSONValue(result.error),
            "finish_reason": JSONValue(completion?.finishReason),
            "completion_tokens": JSONValue(completion?.usage.map(\.completionTokens)),
            "cost": JSONValue(completion?.usage?.cost),
            "latency_ms": JSONValue(completion?.latencyMilliseconds.rounded()),
            "first_token_probability": JSONValue(completion?.tokens?.first?.probability),
        ]
    }
}
