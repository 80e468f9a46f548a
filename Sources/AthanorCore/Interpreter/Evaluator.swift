import AthanorLanguage

/// Evaluates expressions to values. Async only because `run(ID)` reads the database.
///
/// Every failure is a located `Diagnostic`; nothing here crashes on bad input.
struct Evaluator: Sendable {
    let context: EvaluationContext

    func evaluate(_ expression: Expression, in scope: Scope) async throws(Diagnostic) -> Value {
        switch expression.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let template): return .string(try fill(template, in: scope))
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try await evaluate(item, in: scope)) }
            return try Value.list(values).bounded(at: expression.range)
        case .record(let fields):
            var record = Record()
            for field in fields { record[field.key.name] = try await evaluate(field.value, in: scope) }
            return try Value.record(record).bounded(at: expression.range)
        case .name(let name):
            guard let value = scope.lookup(name) else {
                if name == "_" {
                    throw Diagnostic(
                        .error, "'_' is the last value (an expression's, or a run's), and no cell has given one yet",
                        at: expression.range)
                }
                if name.first == "_", let position = Int(name.dropFirst()) {
                    throw Diagnostic(
                        .error,
                        "'\(name)' is cell \(position)'s value, and cell \(position) gave none (or has not run); runs are run(ID)",
                        at: expression.range)
                }
                throw ScriptError.unknownName(name, at: expression.range, candidates: scope.visibleNames)
            }
            return value
        case .field(let base, let name):
            return try Fields.field(name, of: try await evaluate(base, in: scope), scope: scope)
        case .index(let base, let index):
            let container = try await evaluate(base, in: scope)
            let key = try await evaluate(index, in: scope)
            return try Fields.index(container, by: key, at: index.range, baseRange: base.range)
        case .call(let function, let arguments):
            return try await call(function, arguments, in: scope, range: expression.range)
                .bounded(at: expression.range)
        case .unary(let op, let operand):
            return try Operators.unary(op, try await evaluate(operand, in: scope), at: expression.range)
        case .binary(.and, let lhs, let rhs):
            guard try Operators.truth(try await evaluate(lhs, in: scope), at: lhs.range) else { return .bool(false) }
            return .bool(try Operators.truth(try await evaluate(rhs, in: scope), at: rhs.range))
        case .binary(.or, let lhs, let rhs):
            if try Operators.truth(try await evaluate(lhs, in: scope), at: lhs.range) { return .bool(true) }
            return .bool(try Operators.truth(try await evaluate(rhs, in: scope), at: rhs.range))
        case .binary(let op, let lhs, let rhs):
            let l = try await evaluate(lhs, in: scope)
            let r = try await evaluate(rhs, in: scope)
            return try Operators.binary(op, l, r, at: expression.range)
        case .conditional(let condition, let then, let otherwise):
            let c = try await evaluate(condition, in: scope)
            return try await evaluate(try Operators.truth(c, at: condition.range) ? then : otherwise, in: scope)
        }
    }

    /// Fills `{{ }}` placeholders from the scope; an unknown name is an error at the placeholder.
    func fill(_ template: Template, in scope: Scope, extra: Record = Record()) throws(Diagnostic) -> String {
        var out = ""
        for segment in template.segments {
            switch segment {
            case .text(let text): out += text
            case .placeholder(let path):
                guard let head = path.first else { continue }
                guard var value = extra[head.name] ?? scope.lookup(head.name) else {
                    throw ScriptError.unknownName(
                        head.name, at: head.range, candidates: extra.keys + scope.visibleNames)
                }
                for field in path.dropFirst() { value = try Fields.field(field, of: value, scope: scope) }
                out += value.plainText
            }
        }
        return out
    }

    private func call(_ function: Identifier, _ arguments: [Argument], in scope: Scope, range: SourceRange)
        async throws(Diagnostic) -> Value
    {
        var evaluated: [Builtins.Argument] = []
        let isPrompt = if case .prompt? = scope.lookup(function.name) { true } else { false }
        // A reduction over a whole run, named first: `mean(calib, prob("Yes"))`.
        if !isPrompt, Aggregation.reducesRun(function, arguments), let first = arguments.first {
            let head = try await evaluate(first.value, in: scope)
            if case .run(let run) = head {
                return try await Aggregation(evaluator: self, scope: scope, run: run).reduce(
                    function, arguments, overRun: run, range: range)
            }
            evaluated.append(Builtins.Argument(label: nil, value: head, range: first.value.range))
        }
        for argument in arguments.dropFirst(evaluated.count) {
            evaluated.append(
                Builtins.Argument(
                    label: argument.label?.name, value: try await evaluate(argument.value, in: scope),
                    range: argument.value.range))
        }
        // A prompt applied to template arguments: `capital(country: "Peru")`.
        if case .prompt(var prompt)? = scope.lookup(function.name) {
            let placeholders = Set(prompt.messages.flatMap { $0.template.placeholders.compactMap(\.first?.name) })
            for (written, argument) in zip(arguments, evaluated) {
                guard let label = argument.label else {
                    throw Diagnostic(
                        .error,
                        "arguments of prompt '\(function.name)' need names, as in \(function.name)(country: \"Peru\")",
                        at: argument.range)
                }
                guard placeholders.contains(label) else {
                    throw Diagnostic(
                        .error, "prompt '\(function.name)' has no placeholder '{{\(label)}}' for this argument",
                        at: written.label?.range ?? argument.range,
                        suggestion: NameSuggestion.nearest(to: label, among: placeholders))
                }
                prompt.arguments[label] = argument.value
            }
            return .prompt(prompt)
        }
        if function.name == "run" {
            return try await loadRun(evaluated, at: range)
        }
        return try Builtins.call(function, evaluated, scope: scope, context: context, range: range)
    }

    private func loadRun(_ arguments: [Builtins.Argument], at range: SourceRange) async throws(Diagnostic) -> Value {
        guard arguments.count == 1, let n = arguments[0].value.numberValue, n.rounded() == n, n > 0 else {
            throw Diagnostic(.error, "run(ID) takes one run id, a positive whole number", at: range)
        }
        let run: RunValue?
        do {
            run = try await context.loadRun(Int64(n))
        } catch {
            throw Diagnostic(.error, "could not load run \(Int64(n)): \(error)", at: range)
        }
        guard let run else { throw Diagnostic(.error, "there is no run \(Int64(n))", at: range) }
        return .run(run)
    }
}
