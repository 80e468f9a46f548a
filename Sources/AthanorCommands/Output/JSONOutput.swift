import AthanorCore
import AthanorLanguage
import Foundation

/// Collects a script's events as JSON, for `athanor run --format json`: one document on standard
/// output (for jq), in the shape docs/json.md specifies, whatever way the script ends. A script
/// that is wrong gives its diagnostics there; a failure that is not the script's, its sentence.
final class JSONOutput: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [JSONValue] = []
    private var diagnostics: [JSONValue] = []
    private var errors: [String] = []
    private var sessionID: Int64?

    func emit(_ event: CellEvent) {
        guard let json = Self.json(event) else { return }
        lock.withLock { events.append(json) }
    }

    /// A problem found in the script (when it was read, parsed, checked or run).
    func record(_ diagnostic: Diagnostic, in file: SourceFile) {
        let json = diagnostic.jsonValue(in: file)
        lock.withLock { diagnostics.append(json) }
    }

    /// Why the script stopped, as said on standard error without the `athanor: ` prefix.
    func record(error sentence: String) {
        lock.withLock { errors.append(sentence) }
    }

    /// The session the script was stored as.
    func record(sessionID id: Int64) {
        lock.withLock { sessionID = id }
    }

    /// The document for `file` ending with `status`: everything recorded so far.
    func document(file: String, status: ExitStatus) -> JSONValue {
        lock.withLock {
            [
                "file": .string(file), "session_id": JSONValue(sessionID.map { Int($0) }),
                "exit_status": .number(Double(status.rawValue)), "events": .array(events),
                "diagnostics": .array(diagnostics), "error": JSONValue(errors.first),
            ]
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
            "results": .array(results.map(\.documentJSON)),
        ]
    }
}
