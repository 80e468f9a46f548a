import AthanorLanguage

extension Value {
    /// How far a value reaches: its depth (a number is 1 level, `[1]` is 2; records, a prompt's
    /// arguments and a result's variables each add one) and how many parts it has when every
    /// shared part is counted each time it appears, as printing and comparing it will.
    struct Extent: Equatable {
        var depth: Int
        var parts: Int
    }

    /// The value's extent, or nil as soon as it is known to pass `depth` or `parts`.
    ///
    /// `let x = [x, x]` repeated doubles the value each line while storing it once, so the walk
    /// measures each stored array once (by its buffer) rather than every path through it; and it
    /// never recurses deeper than `depth`, so it is safe on any value. A run is one part: it is
    /// compared by id and printed as a line, never walked.
    func extent(withinDepth depth: Int, parts: Int) -> Extent? {
        var measured: [UnsafeRawPointer: Extent] = [:]
        return Self.extent(of: self, depth: depth, parts: parts, measured: &measured)
    }

    private static func extent(
        of value: Value, depth: Int, parts: Int, measured: inout [UnsafeRawPointer: Extent]
    ) -> Extent? {
        guard depth >= 1, parts >= 1 else { return nil }
        let children: [Value]
        // Where the parts are stored: the same buffer is the same parts, wherever it appears.
        let key: UnsafeRawPointer?
        switch value {
        case .list(let items):
            children = items
            key = storage(of: items)
        case .record(let record):
            children = record.fields.map(\.value)
            key = storage(of: record.fields)
        case .prompt(let prompt):
            children = prompt.arguments.fields.map(\.value)
            key = storage(of: prompt.arguments.fields)
        case .result(let result):
            children = result.variables.fields.map(\.value)
            key = storage(of: result.variables.fields)
        case .null, .bool, .number, .string, .model, .run: return Extent(depth: 1, parts: 1)
        }
        if let key, let known = measured[key] {
            return known.depth <= depth && known.parts <= parts ? known : nil
        }
        var total = Extent(depth: 1, parts: 1)
        for child in children {
            guard let inner = extent(of: child, depth: depth - 1, parts: parts - total.parts, measured: &measured)
            else { return nil }
            total.depth = max(total.depth, inner.depth + 1)
            total.parts += inner.parts
        }
        if let key { measured[key] = total }
        return total
    }

    private static func storage<T>(of array: [T]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    /// The value itself, or a located error when it nests deeper than `LanguageLimits.valueDepth`
    /// or has more than `LanguageLimits.valueParts` parts: equality, hashing, printing, JSON and
    /// freeing all recurse over values and visit every part, so a value built one level per line
    /// (`let x = [x]`) or doubled per line (`let x = [x, x]`) must stop while it is still cheap.
    func bounded(at range: SourceRange) throws(Diagnostic) -> Value {
        let depth = LanguageLimits.valueDepth
        let parts = LanguageLimits.valueParts
        if extent(withinDepth: depth, parts: parts) != nil { return self }
        if extent(withinDepth: depth, parts: Int.max) == nil {
            throw Diagnostic(
                .error, "a value may nest at most \(depth) levels", at: range,
                notes: ["lists, records and prompt arguments each add a level"])
        }
        throw Diagnostic(
            .error, "a value may have at most \(parts) parts", at: range,
            notes: ["a part used twice counts twice, as printing or comparing the value visits it twice"])
    }
}
