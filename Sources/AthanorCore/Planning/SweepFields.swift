import AthanorLanguage

/// A sweep's fields, evaluated and checked: the pieces the planner multiplies out.
struct SweepFields: Sendable {
    var models: [ModelHandle]?
    var modelExpression: Expression?
    var prompt: PromptHandle
    var promptRange: SourceRange
    /// One record of variables per row of `vars` (one empty record without `vars`).
    var rows: [Record]
    /// Each row's part of the result key.
    var rowKeys: [[String]]
    var rowsName: String
    /// One record of parameter overrides per combination of `params`.
    var parameterSets: [Record]
    var paramsRange: SourceRange
    /// The conversation's user messages: evaluated per point, so they may use its variables.
    var turns: Expression?
    var repeats: Int
    var concurrency: Int?

    static func read(_ fields: [SweepField], name: Identifier, range: SourceRange, evaluator: Evaluator, scope: Scope)
        async throws(Diagnostic) -> SweepFields
    {
        var byKey: [SweepKey: SweepField] = [:]
        for field in fields {
            if byKey[field.key] != nil {
                throw Diagnostic(.error, "'\(field.key.rawValue)' is given twice in sweep '\(name.name)'", at: field.keyRange)
            }
            byKey[field.key] = field
        }
        let planner = Planner(evaluator: evaluator)

        var models: [ModelHandle]? = nil
        if let f = byKey[.models] {
            if byKey[.model] != nil { throw Diagnostic(.error, "give either 'models:' or 'model:', not both", at: f.keyRange) }
            models = try planner.modelList(try await evaluator.evaluate(f.value, in: scope), at: f.value.range)
        } else if byKey[.model] == nil {
            throw Diagnostic(.error, "sweep '\(name.name)' needs 'models:' (a list of models) or 'model:' (an expression)", at: name.range)
        }
        guard let promptField = byKey[.prompt] else {
            throw Diagnostic(.error, "sweep '\(name.name)' needs 'prompt:'", at: name.range)
        }
        let prompt = try await planner.prompt(promptField.value, in: scope)

        var rows: [Record] = [Record()]
        var rowKeys: [[String]] = [[]]
        var rowsName = "points"
        if let f = byKey[.vars] {
            (rows, rowKeys, rowsName) = try variableRows(try await evaluator.evaluate(f.value, in: scope), at: f.value.range)
        }

        var parameterSets: [Record] = [Record()]
        var paramsRange = range
        if let f = byKey[.params] {
            paramsRange = f.value.range
            guard case .record(let record) = try await evaluator.evaluate(f.value, in: scope) else {
                throw Diagnostic(.error, "'params:' must be a record of lists, e.g. { temperature: [0, 1] }", at: f.value.range)
            }
            // Checks every key and value once, before multiplying out.
            for field in record.fields {
                for value in field.value.listValue ?? [field.value] {
                    _ = try ParameterRules.apply(Record([.init(field.key, value)]), to: ModelParameters(), at: f.value.range)
                }
            }
            parameterSets = try product(record, at: f.value.range, what: "params")
        }

        var repeats = 1
        if let f = byKey[.repeat] { repeats = try count(try await evaluator.evaluate(f.value, in: scope), "repeat", at: f.value.range) }
        var concurrency: Int? = nil
        if let f = byKey[.concurrency] {
            concurrency = try count(try await evaluator.evaluate(f.value, in: scope), "concurrency", at: f.value.range)
        }
        return SweepFields(
            models: models, modelExpression: byKey[.model]?.value, prompt: prompt, promptRange: promptField.value.range,
            rows: rows, rowKeys: rowKeys, rowsName: rowsName, parameterSets: parameterSets, paramsRange: paramsRange,
            turns: byKey[.turns]?.value, repeats: repeats, concurrency: concurrency)
    }

    /// A record of lists is a product of its columns; a list of records is one point per row.
    private static func variableRows(_ value: Value, at range: SourceRange) throws(Diagnostic) -> ([Record], [[String]], String) {
        switch value {
        case .record(let record):
            let rows = try product(record, at: range, what: "vars")
            let keys = rows.map { row in
                row.fields.map { field -> String in
                    let column = record[field.key]?.listValue ?? []
                    let isScalar = column.allSatisfy { if case .record = $0 { false } else { true } }
                    let position = column.firstIndex(of: field.value) ?? 0
                    return "\(field.key)=" + (isScalar ? KeyMaker.short(field.value) : "\(position)")
                }
            }
            let name = record.fields.count == 1 ? record.fields[0].key : "points"
            return (rows, keys, name)
        case .list(let items):
            guard !items.isEmpty else { throw Diagnostic(.error, "'vars:' is an empty list: the sweep would send nothing", at: range) }
            var rows: [Record] = []
            for item in items {
                guard case .record(let r) = item else {
                    throw Diagnostic(.error, "'vars:' as a list must hold records (one per point), found a \(item.typeName)", at: range)
                }
                rows.append(r)
            }
            return (rows, rows.indices.map { ["row=\($0)"] }, "rows")
        default:
            throw Diagnostic(.error, "'vars:' must be a record of lists or a list of records, got a \(value.typeName)", at: range)
        }
    }

    /// The cartesian product of a record's columns (a non-list value is a column of one).
    private static func product(_ record: Record, at range: SourceRange, what: String) throws(Diagnostic) -> [Record] {
        var out: [Record] = [Record()]
        for field in record.fields {
            let column = field.value.listValue ?? [field.value]
            guard !column.isEmpty else {
                throw Diagnostic(.error, "'\(what)' column '\(field.key)' is an empty list: the sweep would send nothing", at: range)
            }
            out = out.flatMap { partial in
                column.map { value in
                    var next = partial
                    next[field.key] = value
                    return next
                }
            }
        }
        return out
    }

    private static func count(_ value: Value, _ key: String, at range: SourceRange) throws(Diagnostic) -> Int {
        guard case .number(let n) = value, n.rounded() == n, n >= 1, n <= 1_000_000 else {
            throw Diagnostic(.error, "'\(key):' must be a whole number from 1 to 1000000, got \(value.shortDescription)", at: range)
        }
        return Int(n)
    }
}
