import AthanorLanguage

/// Checks an assertion's condition once per result of a run and applies its quantifier.
struct AssertionEvaluator: Sendable {
    let evaluator: Evaluator
    /// At most this many failing rows are kept in the report.
    var maximumRows = 20
    /// At most this many errors raised by the condition are kept in the report, with their rows.
    var maximumErrors = 3

    func check(_ assertion: Assertion, run: RunValue, source: String, in scope: Scope) async throws(Diagnostic)
        -> AssertionReport
    {
        var considered = 0, passed = 0, failed = 0, errors = 0
        let operands = Self.operands(of: assertion.condition)
        let operandColumns = operands.map { evaluator.context.text(of: $0.range) }
        let showOutput = !operandColumns.contains("output")
        let columns = ["point"] + operandColumns + (showOutput ? ["output"] : [])
        var rows: [[TableCell]] = []
        var firstErrors: [AssertionRowError] = []
        for result in run.results {
            let resultScope = scope.with(result: result)
            if let filter = assertion.filter {
                let keep: Value
                do { keep = try await evaluator.evaluate(filter, in: resultScope) } catch {
                    throw Diagnostic(
                        .error, "in the 'where' filter, for \(result.label): \(error.message)", at: error.range,
                        suggestion: error.suggestion)
                }
                guard try Operators.truth(keep, at: filter.range) else { continue }
            }
            considered += 1
            var outcome: TableCell
            do {
                let value = try await evaluator.evaluate(assertion.condition, in: resultScope)
                outcome = .value(.bool(try Operators.truth(value, at: assertion.condition.range)))
            } catch {
                outcome = .error(error.message)
            }
            switch outcome {
            case .value(.bool(true)): passed += 1; continue
            case .value: failed += 1
            case .error(let message):
                errors += 1
                if firstErrors.count < maximumErrors {
                    firstErrors.append(AssertionRowError(point: result.label, message: message))
                }
            }
            guard rows.count < maximumRows else { continue }
            var row: [TableCell] = [.value(.string(result.label))]
            for operand in operands {
                do { row.append(.value(try await evaluator.evaluate(operand, in: resultScope))) } catch {
                    row.append(.error(error.message))
                }
            }
            if case .error(let message) = outcome, operands.isEmpty {
                row.append(.error(message))
            } else if showOutput {
                row.append(.value(.string(result.output)))
            }
            rows.append(row)
        }
        let holds: Bool
        let quantifier: String
        switch assertion.quantifier {
        case .all:
            quantifier = "all"
            holds = considered > 0 && passed == considered
        case .any:
            quantifier = "any"
            holds = passed > 0
        case .fraction(let f):
            quantifier = Value.format(f * 100) + "%"
            holds = considered > 0 && Double(passed) >= f * Double(considered) - 1e-9
        case .atLeast(let n):
            quantifier = "at least \(n)"
            holds = passed >= n
        }
        var message: String? = nil
        if let m = assertion.message { message = try await evaluator.evaluate(m, in: scope).plainText }
        return AssertionReport(
            source: source, runID: run.id, runName: run.name, quantifier: quantifier, considered: considered,
            passed: passed,
            failed: failed, errors: errors, firstErrors: firstErrors, holds: holds, message: message,
            failingRows: ResultTable(columns: columns, rows: rows))
    }

    /// The values worth showing for a failing row: the operands of a comparison, else nothing.
    static func operands(of condition: Expression) -> [Expression] {
        if case .binary(let op, let l, let r) = condition.kind {
            switch op {
            case .and, .or: return operands(of: l) + operands(of: r)
            default:
                return [l, r].filter {
                    if case .number = $0.kind { false } else if case .string = $0.kind { false } else { true }
                }
            }
        }
        if case .call(_, let arguments) = condition.kind {
            return arguments.map(\.value).filter { if case .string = $0.kind { false } else { true } }
        }
        return []
    }
}
