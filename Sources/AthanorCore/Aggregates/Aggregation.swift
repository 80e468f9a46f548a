import AthanorLanguage

/// Expressions over a group of results (`show RUN by …`, aggregate columns, an aggregate `assert`).
///
/// An *aggregate call* is a reduction (`mean(prob("Yes"))`, `brier(p, truth == "true")`,
/// `count()`) whose list arguments read the result: each such argument is evaluated once per result
/// of the group and the reduction gets the list of those values. Outside aggregate calls an
/// expression may only read what is the same for the whole group: bindings and the `by` keys
/// (the SQL rule); anything else that reads a result is a located error.
struct Aggregation: Sendable {
    let evaluator: Evaluator
    /// The session's scope, without any result.
    let scope: Scope
    /// Names that read the current result: the fixed result names and the run's variables.
    let resultNames: Set<String>

    init(evaluator: Evaluator, scope: Scope, run: RunValue) {
        self.evaluator = evaluator
        self.scope = scope
        var names = Set(ResultNames.fixed)
        for result in run.results { names.formUnion(result.variables.keys) }
        self.resultNames = names
    }

    /// The positional arguments each reduction gathers over a group; another count of arguments is
    /// the function's ordinary form (`max(prob("Yes"), prob("No"))` is one result's larger one).
    private static let arity: [String: Int] = [
        "mean": 1, "sum": 1, "min": 1, "max": 1, "count": 1, "stddev": 1, "median": 1, "share": 1,
        "quantile": 2, "accuracy": 2, "brier": 2, "calibration": 2, "ece": 2,
    ]

    /// Whether `function(arguments)` may be `mean(RUN, x)`: a reduction whose first argument is
    /// followed by as many arguments as its aggregate takes (`count(RUN)` too). It is, when that
    /// first argument gives a run.
    static func reducesRun(_ function: Identifier, _ arguments: [Argument]) -> Bool {
        guard let arity = arity[function.name], let first = arguments.first, first.label == nil else { return false }
        let rest = arguments.dropFirst().filter { $0.label == nil }.count
        return rest == arity || (function.name == "count" && rest == 0)
    }

    /// `mean(RUN, x)`, `brier(RUN, p, o)`, `count(RUN, cond)`: the reduction over every result of
    /// the run, a value like any other (`let b = brier(calib, prob("Yes"), truth == "true")`).
    func reduce(_ function: Identifier, _ arguments: [Argument], overRun run: RunValue, range: SourceRange)
        async throws(Diagnostic) -> Value
    {
        try await reduce(
            Expression(.call(function: function, arguments: Array(arguments.dropFirst())), range: range),
            over: run.results)
    }

    /// Whether `expression` reads the current result: one of its names, or a logprob function.
    func readsResult(_ expression: Expression) -> Bool {
        if !NameCheck.names(in: expression).isDisjoint(with: resultNames) { return true }
        return Self.calls(in: expression).contains { LogprobFunctions.all[$0] != nil }
    }

    /// Whether `expression` is an aggregate call.
    func isAggregate(_ expression: Expression) -> Bool {
        guard case .call(let function, let arguments) = expression.kind, let arity = Self.arity[function.name]
        else { return false }
        // A prompt of that name is applied, not reduced.
        if case .prompt? = scope.bindings[function.name] { return false }
        let positional = arguments.filter { $0.label == nil }
        if function.name == "count", positional.isEmpty { return true }
        return positional.count == arity && positional.contains { readsResult($0.value) }
    }

    /// Whether `expression` is a name bound to a run.
    private func isRunBinding(_ expression: Expression) -> Bool {
        guard case .name(let name) = expression.kind, case .run? = scope.bindings[name] else { return false }
        return true
    }

    /// Whether an aggregate call appears anywhere in `expression`.
    func containsAggregate(_ expression: Expression) -> Bool {
        if isAggregate(expression) { return true }
        return expression.parts.contains { containsAggregate($0) }
    }

    /// The first part of `expression` that reads one result outside any aggregate call and is not
    /// one of the `by` keys (compared by source text): an error at it, said for people.
    func checkGrouped(_ expression: Expression, keys: [Expression]) throws(Diagnostic) {
        let keyTexts = Set(keys.map { evaluator.context.text(of: $0.range) })
        if let stray = firstPerResultPart(of: expression, keyTexts: keyTexts) {
            let what = evaluator.context.text(of: stray.range)
            throw Diagnostic(
                .error,
                "'\(what)' has one value per result, and this is computed once per group: put it inside an aggregate such as mean(…), count(…) or share(…)"
                    + (keys.isEmpty ? ", or group by it with 'by'" : ", or add it to 'by'"),
                at: stray.range)
        }
    }

    private func firstPerResultPart(of expression: Expression, keyTexts: Set<String>) -> Expression? {
        if isAggregate(expression) || keyTexts.contains(evaluator.context.text(of: expression.range)) { return nil }
        switch expression.kind {
        case .name(let name): return resultNames.contains(name) ? expression : nil
        case .string(let template):
            return template.placeholders.contains { $0.first.map { resultNames.contains($0.name) } ?? false }
                ? expression : nil
        case .call(let function, _) where LogprobFunctions.all[function.name] != nil: return expression
        case .call(let function, let arguments)
        where Self.reducesRun(function, arguments) && isRunBinding(arguments[0].value):
            // `mean(other, x)` reduces a run of its own: the same for every group.
            return firstPerResultPart(of: arguments[0].value, keyTexts: keyTexts)
        default:
            for child in expression.parts {
                if let stray = firstPerResultPart(of: child, keyTexts: keyTexts) { return stray }
            }
            return nil
        }
    }

    /// The value of `expression` for one group: its aggregate calls reduced over `results`, the
    /// parts whose source text `keys` knows given by it (the group's `by` keys, or aggregates
    /// already reduced), the rest from the session's scope.
    func value(of expression: Expression, over results: [ResultValue], keys: [String: Value])
        async throws(Diagnostic) -> Value
    {
        var bound: [String: Value] = [:]
        let rewritten = try await rewrite(expression, over: results, keys: keys, bound: &bound)
        return try await evaluator.evaluate(rewritten, in: scope.with(locals: bound))
    }

    /// `expression` with each aggregate call and each key replaced by a name bound to its value.
    /// The names cannot be written in a script, so they never meet the user's.
    private func rewrite(
        _ expression: Expression, over results: [ResultValue], keys: [String: Value], bound: inout [String: Value]
    ) async throws(Diagnostic) -> Expression {
        let text = evaluator.context.text(of: expression.range)
        if let key = keys[text] {
            return bind(key, for: expression, in: &bound)
        }
        if isAggregate(expression) {
            return bind(try await reduce(expression, over: results), for: expression, in: &bound)
        }
        var kind = expression.kind
        switch expression.kind {
        case .null, .bool, .number, .string, .name: return expression
        case .list(let items):
            var out: [Expression] = []
            for item in items { out.append(try await rewrite(item, over: results, keys: keys, bound: &bound)) }
            kind = .list(out)
        case .record(let fields):
            var out: [RecordField] = []
            for field in fields {
                out.append(
                    RecordField(
                        key: field.key, value: try await rewrite(field.value, over: results, keys: keys, bound: &bound))
                )
            }
            kind = .record(out)
        case .field(let base, let name):
            kind = .field(base: try await rewrite(base, over: results, keys: keys, bound: &bound), name: name)
        case .index(let base, let index):
            kind = .index(
                base: try await rewrite(base, over: results, keys: keys, bound: &bound),
                index: try await rewrite(index, over: results, keys: keys, bound: &bound))
        case .call(let function, let arguments):
            var out: [Argument] = []
            for argument in arguments {
                out.append(
                    Argument(
                        label: argument.label,
                        value: try await rewrite(argument.value, over: results, keys: keys, bound: &bound)))
            }
            kind = .call(function: function, arguments: out)
        case .unary(let op, let operand):
            kind = .unary(op, try await rewrite(operand, over: results, keys: keys, bound: &bound))
        case .binary(let op, let l, let r):
            kind = .binary(
                op, try await rewrite(l, over: results, keys: keys, bound: &bound),
                try await rewrite(r, over: results, keys: keys, bound: &bound))
        case .conditional(let c, let a, let b):
            kind = .conditional(
                condition: try await rewrite(c, over: results, keys: keys, bound: &bound),
                then: try await rewrite(a, over: results, keys: keys, bound: &bound),
                else: try await rewrite(b, over: results, keys: keys, bound: &bound))
        }
        return Expression(kind, range: expression.range)
    }

    private func bind(_ value: Value, for expression: Expression, in bound: inout [String: Value]) -> Expression {
        let name = "\u{1}group\(bound.count)"
        bound[name] = value
        return Expression(.name(name), range: expression.range)
    }

    /// One aggregate call over the results: each argument that reads the result becomes the list
    /// of its values (one per result, in order); the others are evaluated once, and a list
    /// argument that does not read the result is the same value for every result.
    private func reduce(_ call: Expression, over results: [ResultValue]) async throws(Diagnostic) -> Value {
        guard case .call(let function, let arguments) = call.kind else { return .null }
        let positional = arguments.filter { $0.label == nil }
        if function.name == "count", positional.isEmpty { return .number(Double(results.count)) }
        var gathered: [Builtins.Argument] = []
        for argument in arguments {
            let position = positional.firstIndex { $0.value.range == argument.value.range } ?? -1
            var value: Value
            if argument.label != nil || AggregateFunctions.isScalar(function.name, position: position) {
                value = try await evaluator.evaluate(argument.value, in: scope)
            } else if readsResult(argument.value) {
                var values: [Value] = []
                values.reserveCapacity(results.count)
                for result in results {
                    let value: Value
                    do {
                        value = try await evaluator.evaluate(argument.value, in: scope.with(result: result))
                    } catch {
                        throw Diagnostic(
                            .error, "\(error.message) (at \(result.label))", at: error.range,
                            suggestion: error.suggestion)
                    }
                    if case .null = value {
                        let text = evaluator.context.text(of: argument.value.range)
                        throw Diagnostic(
                            .error,
                            "\(function.name)(): '\(text)' is null for \(result.label); leave such results out with 'where \(text) != null'",
                            at: argument.value.range)
                    }
                    // Over a run a reduction takes one value per result; a list here is one result's own
                    // (`count(tokens)`), which len() or the several-numbers form reads.
                    if case .list = value {
                        throw Diagnostic(
                            .error,
                            "\(function.name)() over a run takes one value per result, and this gives a list (at \(result.label)); for one result's own list use len(…), or \(function.name)(a, b, …)",
                            at: argument.value.range)
                    }
                    values.append(value)
                }
                value = .list(values)
            } else {
                let once = try await evaluator.evaluate(argument.value, in: scope)
                value = .list(Array(repeating: once, count: results.count))
            }
            gathered.append(Builtins.Argument(label: argument.label?.name, value: value, range: argument.value.range))
        }
        return try Builtins.call(function, gathered, scope: scope, context: evaluator.context, range: call.range)
    }

    /// The function names called anywhere in `expression`.
    private static func calls(in expression: Expression) -> [String] {
        var names: [String] = []
        if case .call(let function, _) = expression.kind { names.append(function.name) }
        for part in expression.parts { names += calls(in: part) }
        return names
    }
}
