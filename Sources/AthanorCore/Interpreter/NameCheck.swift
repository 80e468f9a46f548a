import AthanorLanguage

/// Checks, before evaluating anything, that every name an assertion or `show` uses exists:
/// a binding, a result name, or one of the run's variables. A typo fails before any work.
struct NameCheck {
    let scope: Scope
    /// The run whose results the expressions are evaluated over; nil outside any result.
    let run: RunValue?

    func check(_ expressions: [Expression]) throws(Diagnostic) {
        var known = Set(scope.bindings.keys)
        if let run {
            known.formUnion(ResultNames.fixed)
            for result in run.results { known.formUnion(result.variables.keys) }
        }
        for expression in expressions { try visit(expression, known: known) }
    }

    /// The names an expression reads (not fields, not labels, not functions).
    static func names(in e: Expression) -> Set<String> {
        switch e.kind {
        case .string(let template): return Set(template.placeholders.compactMap(\.first?.name))
        case .name(let name): return [name]
        default: return e.parts.reduce(into: []) { $0.formUnion(names(in: $1)) }
        }
    }

    private func visit(_ e: Expression, known: Set<String>) throws(Diagnostic) {
        switch e.kind {
        case .null, .bool, .number: return
        case .string(let template):
            for path in template.placeholders {
                if let head = path.first, !known.contains(head.name) {
                    throw ScriptError.unknownName(head.name, at: head.range, candidates: known)
                }
            }
        case .name(let name):
            if !known.contains(name) { throw ScriptError.unknownName(name, at: e.range, candidates: known) }
        case .list(let items): for item in items { try visit(item, known: known) }
        case .record(let fields): for field in fields { try visit(field.value, known: known) }
        case .field(let base, _): try visit(base, known: known)
        case .index(let base, let index):
            try visit(base, known: known)
            try visit(index, known: known)
        case .call(let function, let arguments):
            if Builtins.table[function.name] == nil, function.name != "run", scope.bindings[function.name] == nil {
                throw Diagnostic(
                    .error, "unknown function '\(function.name)'", at: function.range,
                    suggestion: NameSuggestion.nearest(to: function.name, among: Builtins.names))
            }
            // A reduction over a run named first, `mean(calib, prob("Yes"))`: the rest read its results.
            if Aggregation.reducesRun(function, arguments), case .name(let name) = arguments[0].value.kind,
                case .run(let run)? = scope.bindings[name]
            {
                var inRun = known.union(ResultNames.fixed)
                for result in run.results { inRun.formUnion(result.variables.keys) }
                try visit(arguments[0].value, known: known)
                for argument in arguments.dropFirst() { try visit(argument.value, known: inRun) }
                return
            }
            for argument in arguments { try visit(argument.value, known: known) }
        case .unary(_, let operand): try visit(operand, known: known)
        case .binary(_, let l, let r):
            try visit(l, known: known)
            try visit(r, known: known)
        case .conditional(let c, let a, let b):
            try visit(c, known: known)
            try visit(a, known: known)
            try visit(b, known: known)
        }
    }
}
