import AthanorLanguage

/// `x.name` and `x[k]` over every kind of value.
enum Fields {
    static func field(_ name: Identifier, of value: Value, scope: Scope) throws(Diagnostic) -> Value {
        let found: Value?
        var known: [String] = []
        switch value {
        case .record(let record):
            found = record[name.name]
            known = record.keys
        case .model(let model):
            known = ["name", "id", "params", "endpoint"]
            switch name.name {
            case "name": found = .string(model.name)
            case "id": found = .string(model.id)
            case "params": found = Value(json: model.parameters.jsonValue)
            case "endpoint": found = model.endpoint.map(Value.string) ?? .null
            default: found = nil
            }
        case .run(let run):
            known = ["id", "name", "status", "results", "session"]
            switch name.name {
            case "id": found = .number(Double(run.id))
            case "name": found = .string(run.name)
            case "status": found = .string(run.status.rawValue)
            case "results": found = .list(run.results.map(Value.result))
            case "session": found = run.sessionID.map { .number(Double($0)) } ?? .null
            default: found = nil
            }
        case .result(let result):
            known = ResultNames.names(for: result)
            found = ResultNames.value(of: name.name, in: result, bindings: scope.bindings)
        case .prompt(let prompt):
            known = ["name"]
            found = name.name == "name" ? .string(prompt.name) : nil
        default:
            throw Diagnostic(
                .error, "a \(value.typeName) has no fields; '.\(name.name)' needs a record, run, result or model",
                at: name.range)
        }
        guard let found else {
            throw Diagnostic(
                .error, "a \(value.typeName) has no field '\(name.name)'", at: name.range,
                suggestion: NameSuggestion.nearest(to: name.name, among: known),
                notes: known.isEmpty ? [] : ["its fields are: " + known.joined(separator: ", ")])
        }
        return found
    }

    static func index(_ container: Value, by key: Value, at range: SourceRange, baseRange: SourceRange)
        throws(Diagnostic) -> Value
    {
        switch (container, key) {
        case (.list(let items), .number(let n)):
            return try element(of: items, n, at: range)
        case (.string(let s), .number(let n)):
            let characters = Array(s)
            guard n.rounded() == n, let i = Int(exactly: n), characters.indices.contains(i) else {
                throw Diagnostic(
                    .error, "index \(Value.number(n)) is out of range for a string of \(characters.count) characters",
                    at: range)
            }
            return .string(String(characters[i]))
        case (.record(let record), .string(let k)):
            guard let value = record[k] else {
                throw Diagnostic(
                    .error, "the record has no key \"\(k)\"", at: range,
                    suggestion: NameSuggestion.nearest(to: k, among: record.keys))
            }
            return value
        case (.run(let run), .number(let n)):
            return try element(of: run.results.map(Value.result), n, at: range)
        default:
            throw Diagnostic(.error, "cannot index a \(container.typeName) with a \(key.typeName)", at: range)
        }
    }

    private static func element(of items: [Value], _ n: Double, at range: SourceRange) throws(Diagnostic) -> Value {
        guard n.rounded() == n, let i = Int(exactly: n) else {
            throw Diagnostic(.error, "a list index must be a whole number, not \(Value.number(n))", at: range)
        }
        guard items.indices.contains(i) else {
            throw Diagnostic(
                .error,
                items.isEmpty
                    ? "index \(i) is out of range: the list is empty"
                    : "index \(i) is out of range: the list has \(items.count) items (0 to \(items.count - 1))",
                at: range)
        }
        return items[i]
    }
}
