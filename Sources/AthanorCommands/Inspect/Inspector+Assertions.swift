import AthanorCore

/// `athanor show RUN --asserts`: the assertions checked against a run, as stored
/// (`AssertionReport.jsonValue`), in the order they were checked.
extension Inspector {
    func assertions(run id: Int64) async throws {
        guard try await store.run(id: id) != nil else { throw InspectionError.noRun(id) }
        let outcomes = try await store.assertionOutcomes(runID: id)
        guard !outcomes.isEmpty else {
            output.emit(.text("run \(id): no assertions were checked against it"))
            return
        }
        output.emit(.text(outcomes.map { Self.assertionText($0.value) }.joined(separator: "\n")))
    }

    /// `{"run": ID, "assertions": [{"key", …the stored outcome}]}` on one line (docs/json.md).
    func assertionsJSON(run id: Int64) async throws -> String {
        guard try await store.run(id: id) != nil else { throw InspectionError.noRun(id) }
        let outcomes = try await store.assertionOutcomes(runID: id).map { outcome -> JSONValue in
            var members = outcome.value.objectValue ?? ["value": outcome.value]
            members["key"] = .string(outcome.key)
            return .object(members)
        }
        return JSONValue.object(["run": .number(Double(id)), "assertions": .array(outcomes)]).serialized()
    }

    /// `✓ held  contains(output, x)  3 of 3 passed (needs all)`, then its message and each failing
    /// row's fields on lines of their own.
    static func assertionText(_ value: JSONValue) -> String {
        let holds = value["holds"]?.boolValue ?? false
        var lines = [
            (holds ? "✓ held    " : "✗ failed  ") + (value["assertion"]?.stringValue ?? "") + "  "
                + StoredAssertionCounts.text(value)
        ]
        if let message = value["message"]?.stringValue { lines.append("    " + message) }
        for row in value["failing"]?.arrayValue ?? [] {
            let fields = (row.objectValue ?? [:]).sorted { $0.key < $1.key }.map { key, cell in
                key + "=" + (cell.stringValue ?? cell.serialized())
            }
            lines.append("    failing: " + fields.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
