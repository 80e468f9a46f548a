import AthanorLanguage

/// Turns `show EXPR [where F] [: columns]` into a table (over a run or a list of records) or a value.
struct ShowBuilder: Sendable {
    let evaluator: Evaluator

    func event(for value: Value, filter: Expression?, columns: [Expression], in scope: Scope) async throws(Diagnostic)
        -> CellEvent
    {
        switch value {
        case .run(let run):
            return .table(try await table(for: run, filter: filter, columns: columns, in: scope))
        case .list(let items)
        where columns.isEmpty && filter == nil && !items.isEmpty && items.allSatisfy(\.isTokenRecord):
            return .value(value)
        case .list(let items)
        where !items.isEmpty && items.allSatisfy({ if case .record = $0 { true } else { false } }):
            return .table(try await table(forRecords: items, filter: filter, columns: columns, in: scope))
        default:
            if let filter {
                throw Diagnostic(.error, "'where' needs a run or a list of records to filter", at: filter.range)
            }
            return .value(value)
        }
    }

    private func table(for run: RunValue, filter: Expression?, columns: [Expression], in scope: Scope)
        async throws(Diagnostic) -> ResultTable
    {
        var rows: [[TableCell]] = []
        var headers: [String]
        if columns.isEmpty {
            let variables = run.results.first?.variables.keys ?? []
            headers = ["model"] + variables + ["output"]
            for result in run.results {
                guard try await keep(result, filter, in: scope) else { continue }
                var row: [TableCell] = [.value(.string(result.modelName))]
                row += variables.map { .value(result.variables[$0] ?? .null) }
                row.append(result.error.map { .error($0) } ?? .value(.string(result.output)))
                rows.append(row)
            }
        } else {
            headers = columns.map { evaluator.context.text(of: $0.range) }
            for result in run.results {
                guard try await keep(result, filter, in: scope) else { continue }
                let resultScope = scope.with(result: result)
                var row: [TableCell] = []
                for column in columns {
                    do { row.append(.value(try await evaluator.evaluate(column, in: resultScope))) } catch {
                        row.append(.error(error.message))
                    }
                }
                rows.append(row)
            }
        }
        return ResultTable(title: "run \(run.id) (\(run.name))", columns: headers, rows: rows)
    }

    private func table(forRecords items: [Value], filter: Expression?, columns: [Expression], in scope: Scope)
        async throws(Diagnostic) -> ResultTable
    {
        let records = items.compactMap { if case .record(let r) = $0 { r } else { nil } }
        var keys: [String] = []
        for record in records { for key in record.keys where !keys.contains(key) { keys.append(key) } }
        let headers = columns.isEmpty ? keys : columns.map { evaluator.context.text(of: $0.range) }
        var rows: [[TableCell]] = []
        for record in records {
            let rowScope = scope.with(
                locals: Dictionary(record.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b }))
            if let filter,
                try Operators.truth(try await evaluator.evaluate(filter, in: rowScope), at: filter.range) == false
            {
                continue
            }
            if columns.isEmpty {
                rows.append(keys.map { .value(record[$0] ?? .null) })
            } else {
                var row: [TableCell] = []
                for column in columns {
                    do { row.append(.value(try await evaluator.evaluate(column, in: rowScope))) } catch {
                        row.append(.error(error.message))
                    }
                }
                rows.append(row)
            }
        }
        return ResultTable(columns: headers, rows: rows)
    }

    private func keep(_ result: ResultValue, _ filter: Expression?, in scope: Scope) async throws(Diagnostic) -> Bool {
        guard let filter else { return true }
        return try Operators.truth(
            try await evaluator.evaluate(filter, in: scope.with(result: result)), at: filter.range)
    }
}
