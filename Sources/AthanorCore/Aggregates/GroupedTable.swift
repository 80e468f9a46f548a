import AthanorLanguage

/// `show RUN [where F] by KEY, … [: COLUMN, …]`, and `show RUN: COLUMN, …` whose columns aggregate:
/// one row per group of results, the keys' values first, then each column computed over the group.
struct GroupedTable: Sendable {
    let aggregation: Aggregation

    /// Checks what can be checked before any answer: keys and columns read one result only where
    /// they may.
    func check(keys: [Expression], columns: [Expression]) throws(Diagnostic) {
        for key in keys where aggregation.containsAggregate(key) {
            throw Diagnostic(
                .error, "a 'by' key is computed for each result, so it cannot be an aggregate such as mean(…)",
                at: key.range)
        }
        for column in columns { try aggregation.checkGrouped(column, keys: keys) }
    }

    func table(for run: RunValue, filter: Expression?, keys: [Expression], columns: [Expression])
        async throws(Diagnostic) -> ResultTable
    {
        try check(keys: keys, columns: columns)
        let evaluator = aggregation.evaluator
        let keyTexts = keys.map { evaluator.context.text(of: $0.range) }
        var groups: [[Value]: [ResultValue]] = [:]
        var order: [[Value]] = []
        for result in run.results {
            let resultScope = aggregation.scope.with(result: result)
            if let filter {
                let keep = try await evaluate(filter, for: result, in: resultScope, what: "the 'where' filter")
                guard try Operators.truth(keep, at: filter.range) else { continue }
            }
            var values: [Value] = []
            for key in keys { values.append(try await evaluate(key, for: result, in: resultScope, what: "'by'")) }
            if groups[values] == nil { order.append(values) }
            groups[values, default: []].append(result)
        }
        // Without keys every result is one group, even when the filter kept none.
        if keys.isEmpty && order.isEmpty { order = [[]] }
        let headers = keyTexts + (columns.isEmpty ? ["count"] : columns.map { evaluator.context.text(of: $0.range) })
        var rows: [[TableCell]] = []
        for values in order {
            let members = groups[values] ?? []
            let bound = Dictionary(zip(keyTexts, values), uniquingKeysWith: { a, _ in a })
            var row: [TableCell] = values.map { .value($0) }
            // Keys alone: how many results each group has.
            if columns.isEmpty { row.append(.value(.number(Double(members.count)))) }
            for column in columns {
                do {
                    row.append(.value(try await aggregation.value(of: column, over: members, keys: bound)))
                } catch {
                    row.append(.error(error.message))
                }
            }
            rows.append(row)
        }
        let title = "run \(run.id) (\(run.name))" + (keys.isEmpty ? "" : " by " + keyTexts.joined(separator: ", "))
        return ResultTable(title: title, columns: headers, rows: rows)
    }

    private func evaluate(_ expression: Expression, for result: ResultValue, in scope: Scope, what: String)
        async throws(Diagnostic) -> Value
    {
        do {
            return try await aggregation.evaluator.evaluate(expression, in: scope)
        } catch {
            throw Diagnostic(
                .error, "in \(what), for \(result.label): \(error.message)", at: error.range,
                suggestion: error.suggestion)
        }
    }
}
