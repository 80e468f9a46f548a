import AthanorLanguage

extension AssertionEvaluator {
    /// An assertion whose condition uses aggregates (`assert calib: brier(prob("Yes"), truth ==
    /// "true") < 0.2`): checked once over the results the filter keeps, and reported with the value
    /// of each aggregate in it.
    func checkOnce(
        _ assertion: Assertion, run: RunValue, source: String, in scope: Scope, aggregation: Aggregation
    ) async throws(Diagnostic) -> AssertionReport {
        var kept: [ResultValue] = []
        for result in run.results {
            if let filter = assertion.filter {
                let keep: Value
                do { keep = try await evaluator.evaluate(filter, in: scope.with(result: result)) } catch {
                    throw Diagnostic(
                        .error, "in the 'where' filter, for \(result.label): \(error.message)", at: error.range,
                        suggestion: error.suggestion)
                }
                guard try Operators.truth(keep, at: filter.range) else { continue }
            }
            kept.append(result)
        }
        // Each aggregate is reduced once: its value is shown, and the condition reads it by its text.
        var aggregates: [(source: String, value: TableCell)] = []
        var reduced: [String: Value] = [:]
        for part in Self.aggregateParts(of: assertion.condition, aggregation: aggregation) {
            let text = evaluator.context.text(of: part.range)
            do {
                let value = try await aggregation.value(of: part, over: kept, keys: [:])
                reduced[text] = value
                aggregates.append((text, .value(value)))
            } catch {
                aggregates.append((text, .error(error.message)))
            }
        }
        var holds = false
        var firstErrors: [AssertionRowError] = []
        let failed = aggregates.lazy.compactMap { if case .error(let message) = $0.value { message } else { nil } }
        if let message = failed.first {
            firstErrors.append(AssertionRowError(point: "\(kept.count) results", message: message))
        } else {
            do {
                let value = try await aggregation.value(of: assertion.condition, over: kept, keys: reduced)
                holds = try Operators.truth(value, at: assertion.condition.range)
            } catch {
                firstErrors.append(AssertionRowError(point: "\(kept.count) results", message: error.message))
            }
        }
        var message: String? = nil
        if let m = assertion.message { message = try await evaluator.evaluate(m, in: scope).plainText }
        let failedRow: [[TableCell]] =
            holds || !firstErrors.isEmpty
            ? [] : [[.value(.string("\(kept.count) results"))] + aggregates.map(\.value)]
        return AssertionReport(
            source: source, runID: run.id, runName: run.name, quantifier: "once", considered: kept.count,
            passed: holds ? 1 : 0, failed: holds || !firstErrors.isEmpty ? 0 : 1, errors: firstErrors.count,
            firstErrors: firstErrors, holds: holds, message: message,
            failingRows: ResultTable(columns: ["results"] + aggregates.map(\.source), rows: failedRow),
            aggregates: aggregates)
    }

    /// The outermost aggregate calls of a condition, in the order written.
    static func aggregateParts(of expression: Expression, aggregation: Aggregation) -> [Expression] {
        if aggregation.isAggregate(expression) { return [expression] }
        return expression.parts.flatMap { aggregateParts(of: $0, aggregation: aggregation) }
    }
}
