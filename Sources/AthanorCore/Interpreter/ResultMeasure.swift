import AthanorLanguage
import Foundation

/// One expression of the language evaluated against one stored result at a time, outside any
/// script: what `athanor report --histogram EXPR` plots per model. It sees what a `show` column
/// sees of a result (`output`, `tokens`, `prob(…)`, `entropy(…)`, the point's variables and
/// parameters) and nothing else: no session's bindings, no other run.
public struct ResultMeasure: Sendable {
    /// The expression as written, which names the plot.
    public let source: String
    let file: SourceFile
    let expression: Expression
    let evaluator: Evaluator

    /// Parses `source` as one expression; a wrong one is a located diagnostic (`name` says where
    /// it came from, e.g. `--histogram`).
    public init(_ source: String, name: String) throws(Diagnostic) {
        let file = SourceFile(name: name, text: source)
        let parsed = Parser.parseEntry(file)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) { throw error }
        let statements = parsed.script.cells.flatMap(\.statements)
        guard statements.count == 1, let statement = statements.first, case .expression(let expression) = statement.kind
        else {
            let start = SourceLocation(line: 1, column: 1, offset: 0)
            let whole = statements.first?.range ?? SourceRange(start: start, end: start)
            throw Diagnostic(.error, "expected one expression, such as prob(\"Yes\") or entropy(at: 0)", at: whole)
        }
        self.source = source
        self.file = file
        self.expression = expression
        evaluator = Evaluator(
            context: EvaluationContext(
                file: file, baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                loadRun: { _ in nil }))
    }

    /// The expression's value for `result` as a number (a boolean counts as 0 or 1); why not,
    /// when it fails for this result (a failed point has no tokens to ask about) or is not a number.
    public func number(for result: ResultValue) async throws(Diagnostic) -> Double {
        let value = try await evaluator.evaluate(expression, in: Scope(bindings: [:], result: result))
        switch value {
        case .number(let n) where n.isFinite: return n
        case .bool(let b): return b ? 1 : 0
        default:
            throw Diagnostic(.error, "\(source) is \(value.shortDescription), not a number", at: expression.range)
        }
    }
}
