import AthanorLanguage
import Foundation

/// The built-in functions of the language, by name. Each family lives in its own file.
public enum Builtins {
    struct Argument: Sendable {
        var label: String?
        var value: Value
        var range: SourceRange
    }

    typealias Implementation = @Sendable (Call) throws(Diagnostic) -> Value

    /// One call being evaluated: its arguments, where it is, and what it can see.
    struct Call: Sendable {
        var name: String
        var arguments: [Argument]
        var range: SourceRange
        var scope: Scope
        var context: EvaluationContext

        /// The positional arguments, after checking their count.
        func positional(_ count: ClosedRange<Int>) throws(Diagnostic) -> [Argument] {
            let values = arguments.filter { $0.label == nil }
            guard count.contains(values.count) else {
                let expected =
                    count.lowerBound == count.upperBound
                    ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)"
                throw Diagnostic(
                    .error,
                    "\(name)() takes \(expected) argument\(count.upperBound == 1 ? "" : "s"), got \(values.count)",
                    at: range)
            }
            return values
        }

        func labelled(_ label: String) -> Argument? { arguments.first { $0.label == label } }

        func string(_ argument: Argument) throws(Diagnostic) -> String {
            guard case .string(let s) = argument.value else {
                throw Diagnostic(
                    .error, "\(name)() expects a string here, got a \(argument.value.typeName)", at: argument.range)
            }
            return s
        }

        func number(_ argument: Argument) throws(Diagnostic) -> Double {
            guard case .number(let n) = argument.value else {
                throw Diagnostic(
                    .error, "\(name)() expects a number here, got a \(argument.value.typeName)", at: argument.range)
            }
            return n
        }

        func integer(_ argument: Argument) throws(Diagnostic) -> Int {
            let n = try number(argument)
            guard n.rounded() == n, let i = Int(exactly: n) else {
                throw Diagnostic(
                    .error, "\(name)() expects a whole number here, got \(Value.format(n))", at: argument.range)
            }
            return i
        }

        func list(_ argument: Argument) throws(Diagnostic) -> [Value] {
            switch argument.value {
            case .list(let items): return items
            case .run(let run): return run.results.map(Value.result)
            default:
                throw Diagnostic(
                    .error, "\(name)() expects a list here, got a \(argument.value.typeName)", at: argument.range)
            }
        }
    }

    static let table: [String: Implementation] = TextFunctions.all
        .merging(NumberFunctions.all) { a, _ in a }
        .merging(DataFunctions.all) { a, _ in a }
        .merging(LogprobFunctions.all) { a, _ in a }
        .merging(CompareFunctions.all) { a, _ in a }
        .merging(AggregateFunctions.all) { a, _ in a }

    /// The argument labels each function accepts; any other label is an error, never ignored.
    static let labels: [String: Set<String>] = [
        "prob": ["at", "turn"], "logprob": ["at", "turn"], "prob_exact": ["at", "turn"], "rank": ["at", "turn"],
        "entropy": ["at", "turn"], "perplexity": ["turn"], "seq_logprob": ["turn"], "seq_prob": ["turn"],
        "calibration": ["bins"], "ece": ["bins"],
    ]

    /// Every function name, for completion and "did you mean".
    static var names: [String] { Array(table.keys) + ["run"] }

    static func call(
        _ function: Identifier, _ arguments: [Argument], scope: Scope, context: EvaluationContext, range: SourceRange
    )
        throws(Diagnostic) -> Value
    {
        guard let implementation = table[function.name] else {
            throw Diagnostic(
                .error, "unknown function '\(function.name)'", at: function.range,
                suggestion: NameSuggestion.nearest(to: function.name, among: names))
        }
        let allowed = labels[function.name] ?? []
        if let stray = arguments.first(where: { $0.label.map { !allowed.contains($0) } ?? false }),
            let label = stray.label
        {
            let takes =
                allowed.isEmpty
                ? "takes no labelled arguments" : "takes " + allowed.sorted().map { "'\($0):'" }.joined(separator: ", ")
            throw Diagnostic(
                .error, "\(function.name)() has no argument '\(label):'; it \(takes)", at: stray.range,
                suggestion: NameSuggestion.nearest(to: label, among: allowed))
        }
        return try implementation(
            Call(name: function.name, arguments: arguments, range: range, scope: scope, context: context))
    }
}

extension Builtins {
    /// The function names the language defines, for the REPL's completion and `:help`.
    public static var functionNames: [String] { names.sorted() }
}
