import AthanorLanguage

/// The names an expression can see: locals (a sweep point's variables, `turn`), then the current
/// result's names, then the session's bindings.
struct Scope: Sendable {
    var bindings: [String: Value]
    var locals: [String: Value] = [:]
    var result: ResultValue?

    func lookup(_ name: String) -> Value? {
        if let value = locals[name] { return value }
        if let result, let value = ResultNames.value(of: name, in: result, bindings: bindings) { return value }
        return bindings[name]
    }

    /// Every name visible here, for "did you mean" suggestions.
    var visibleNames: [String] {
        var names = Array(bindings.keys) + Array(locals.keys)
        if let result { names += ResultNames.names(for: result) }
        return names
    }

    func with(locals more: [String: Value]) -> Scope {
        var copy = self
        copy.locals.merge(more) { _, new in new }
        return copy
    }

    func with(result: ResultValue) -> Scope {
        var copy = self
        copy.result = result
        return copy
    }
}
