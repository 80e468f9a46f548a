import AthanorCore
import Foundation

/// Collects a script's events as JSON, for `--format json` (one document on standard output, for jq).
final class JSONOutput: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [JSONValue] = []

    func emit(_ event: CellEvent) {
        guard let json = Self.json(event) else { return }
        lock.withLock { events.append(json) }
    }

    func takeEvents() -> [JSONValue] {
        lock.withLock {
            defer { events = [] }
            return events
        }
    }

    static func json(_ event: CellEvent) -> JSONValue? {
        switch event {
        case .plan(let plan): ["type": "plan", "plan": plan.jsonValue]
        case .progress, .answerDelta: nil
        case .answers(let run, let totals), .runFinished(let run, let totals):
            ["type": "run", "run": run.jsonValue(totals: totals)]
        case .assertion(let report): ["type": "assertion", "assertion": report.jsonValue]
        case .table(let table):
            [
                "type": "table", "title": JSONValue(table.title),
                "columns": .array(table.columns.map(JSONValue.string)),
                "rows": .array(table.rows.map { .array($0.map(\.jsonValue)) }),
            ]
        case .value(let value): ["type": "value", "value": value.jsonValue]
        case .text(let text): ["type": "text", "text": .string(text)]
        case .warning(let text): ["type": "warning", "text": .string(text)]
        }
    }
}

extension RunValue {
    /// The run with every result (request, response with tokens and alternatives) and its totals.
    func jsonValue(totals: RunTotals) -> JSONValue {
        [
            "id": .number(Double(id)), "name": .string(name), "status": .string(status.rawValue),
            "session_id": JSONValue(sessionID.map { Int($0) }), "totals": totals.jsonValue,
            "results": .array(
                results.map { result in
                    var json = result.jsonValue
                    if case .object(var o) = json { o["key"] = .string(result.key); json = .object(o) }
                    return json
                }),
        ]
    }
}
