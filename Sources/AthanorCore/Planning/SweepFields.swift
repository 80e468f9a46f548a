import AthanorLanguage

/// A sweep's fields, evaluated and checked: the pieces the planner multiplies out.
struct SweepFields: Sendable {
    var models: [ModelHandle]?
    var modelExpression: Expression?
    var prompt: PromptHandle
    var promptRange: SourceRange
    /// The rows of `vars` (one empty row without `vars`), each computed when it is needed.
    var rows: VariableRows
    /// One record of parameter overrides per combination of `params`.
    var parameterSets: [Record]
    var paramsRange: SourceRange
    /// The conversation's user messages: evaluated per point, so they may use its variables.
    var turns: Expression?
    /// The continuation to score at each point (`score:`): evaluated per point, like `model:`.
    var score: Expression?
    var repeats: Int
    var concurrency: Int?

    static func read(_ fields: [SweepField], name: Identifier, range: SourceRange, evaluator: Evaluator, scope: Scope)
        async throws(Diagnostic) -> SweepFields
    {
        var byKey: [SweepKey: SweepField] = [:]
        for field in fields {
            if byKey[field.key] != nil {
                throw Diagnostic(
                    .error, "'\(field.key.rawValue)' is given twice in sweep '\(name.name)'", at: field.keyRange)
            }
            byKey[field.key] = field
        }
        let planner = Planner(evaluator: evaluator)

        var models: [ModelHandle]? = nil
        if let f = byKey[.models] {
            if byKey[.model] != nil {
                throw Diagnostic(.error, "give either 'models:' or 'model:', not both", at: f.keyRange)
            }
            models = try planner.modelList(try await evaluator.evaluate(f.value, in: scope), at: f.value.range)
        } else if byKey[.model] == nil {
            throw Diagnostic(
                .error, "sweep '\(name.name)' needs 'models:' (a list of models) or 'model:' (an expression)",
                at: name.range)
        }
        guard let promptField = byKey[.prompt] else {
            throw Diagnostic(.error, "sweep '\(name.name)' needs 'prompt:'", at: name.range)
        }
        let prompt = try await planner.prompt(promptField.value, in: scope)

        var rows = VariableRows.single
        if let f = byKey[.vars] {
            rows = try variableRows(try await evaluator.evaluate(f.value, in: scope), at: f.value.range)
        }

        var parameterSets: [Record] = [Record()]
        var paramsRange = range
        if let f = byKey[.params] {
            paramsRange = f.value.range
            guard case .record(let record) = try await evaluator.evaluate(f.value, in: scope) else {
                throw Diagnostic(
                    .error, "'params:' must be a record of lists, e.g. { temperature: [0, 1] }", at: f.value.range)
            }
            // Checks every key and value once, before multiplying out.
            for field in record.fields {
                for value in field.value.listValue ?? [field.value] {
                    _ = try ParameterRules.apply(
                        Record([.init(field.key, value)]), to: ModelParameters(), at: f.value.range)
                }
            }
            let sets = try VariableRows.product(of: record, at: f.value.range, what: "params")
            parameterSets = (0..<sets.count).map(sets.row(at:))
        }

        if let f = byKey[.score], byKey[.turns] != nil {
            throw Diagnostic(
                .error, "'score:' cannot be used with 'turns:': a scored point is one chain of prefilled requests",
                at: f.keyRange, notes: ["score the last answer of a conversation in a sweep of its own"])
        }

        var repeats = 1
        if let f = byKey[.repeat] {
            repeats = try count(try await evaluator.evaluate(f.value, in: scope), "repeat", at: f.value.range)
        }
        var concurrency: Int? = nil
        if let f = byKey[.concurrency] {
            concurrency = try count(try await evaluator.evaluate(f.value, in: scope), "concurrency", at: f.value.range)
        }
        return SweepFields(
            models: models, modelExpression: byKey[.model]?.value, prompt: prompt, promptRange: promptField.value.range,
            rows: rows, parameterSets: parameterSets, paramsRange: paramsRange,
            turns: byKey[.turns]?.value, score: byKey[.score]?.value, repeats: repeats, concurrency: concurrency)
    }

    /// A record of lists is a product of its columns; a list of records is one point per row.
    private static func variableRows(_ value: Value, at range: SourceRange) throws(Diagnostic) -> VariableRows {
        switch value {
        case .record(let record): return try VariableRows.product(of: record, at: range, what: "vars")
        case .list(let items): return try VariableRows.records(items, at: range)
        default:
            throw Diagnostic(
                .error, "'vars:' must be a record of lists or a list of records, got a \(value.typeName)", at: range)
        }
    }

    private static func count(_ value: Value, _ key: String, at range: SourceRange) throws(Diagnostic) -> Int {
        guard case .number(let n) = value, n.rounded() == n, n >= 1, n <= 1_000_000 else {
            throw Diagnostic(
                .error, "'\(key):' must be a whole number from 1 to 1000000, got \(value.shortDescription)", at: range)
        }
        return Int(n)
    }
}
