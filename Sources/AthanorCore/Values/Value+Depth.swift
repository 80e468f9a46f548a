import AthanorLanguage

extension Value {
    /// Whether the value nests deeper than `limit` levels: a number is 1 level, `[1]` is 2, a
    /// record, a prompt's arguments and a result's variables each add one.
    ///
    /// Walks with a stack of its own rather than recursing, and stops at the first path past the
    /// limit, so it is safe on any value and costs at most one visit per part.
    public func nests(deeperThan limit: Int) -> Bool {
        var pending: [(value: Value, depth: Int)] = [(self, 1)]
        while let (value, depth) = pending.popLast() {
            if depth > limit { return true }
            switch value {
            case .list(let items): pending += items.lazy.map { ($0, depth + 1) }
            case .record(let record): pending += record.fields.lazy.map { ($0.value, depth + 1) }
            case .prompt(let prompt): pending += prompt.arguments.fields.lazy.map { ($0.value, depth + 1) }
            case .result(let result): pending += result.variables.fields.lazy.map { ($0.value, depth + 1) }
            case .run(let run):
                for result in run.results {
                    pending += result.variables.fields.lazy.map { ($0.value, depth + 2) }
                }
            case .null, .bool, .number, .string, .model: break
            }
        }
        return false
    }

    /// The value itself, or a located error when it nests deeper than `LanguageLimits.valueDepth`:
    /// equality, hashing, printing, JSON and freeing all recurse over values, so a value built one
    /// level per line (`let x = [x]`) must stop before it can exhaust the stack.
    func boundedInDepth(at range: SourceRange) throws(Diagnostic) -> Value {
        let limit = LanguageLimits.valueDepth
        guard nests(deeperThan: limit) else { return self }
        throw Diagnostic(
            .error, "a value may nest at most \(limit) levels", at: range,
            notes: ["lists, records and prompt arguments each add a level"])
    }
}
