import AthanorLanguage

/// Finds the sweep variables that only multiply a plan by identical requests: read by neither
/// the prompt's placeholders (those its arguments fill aside), `model:`, `turns:` nor `score:`, and whose
/// values, point by point, leave the requests the same.
///
/// Reading alone does not decide it: a list of records (`vars: csv(…)`) may carry a column only an
/// assertion reads (a `truth`), yet its rows differ in the columns the prompt reads, and then no
/// request is repeated. So the requests are counted: among the points of one repeat, `distinct`
/// different requests (every turn's model, messages and parameters); an unread variable `v`
/// makes `distinct(request, v) − distinct` identical ones (0 when its every value comes with a
/// request of its own).
///
/// A request does not depend on what it does not read, so for a product of columns (`vars` a
/// record of lists) the requests are counted only over the rows where the unread columns hold their
/// first value, and `v`'s identical requests are `distinct × (its different values − 1)`. At most
/// `maximumPoints` points are computed again (as long as planning them took); beyond, no warning.
enum UnusedVariables {
    static let maximumPoints = 100_000

    /// One warning per variable that makes identical requests, located at it in `vars:`.
    static func warnings(plan: Plan, sweep: SweepFields, vars: SweepField?) -> [Diagnostic] {
        guard let vars else { return [] }
        let read = namesRead(by: sweep)
        let candidates = sweep.rows.variableNames.filter { !read.contains($0) }
        let perRepeat = plan.points.count / max(1, sweep.repeats)
        guard !candidates.isEmpty, perRepeat > 1 else { return [] }
        let identical: [Int]
        let distinct: Int
        if let rows = sweep.rows.rows(fixing: Set(candidates), limit: maximumPoints) {
            // Point index: ((model × rows + row) × parameter sets + set) × repeats + repeat.
            let (sets, repeats) = (sweep.parameterSets.count, sweep.repeats)
            let models = plan.points.count / (sweep.rows.count * sets * repeats)
            guard models * rows.count * sets <= maximumPoints else { return [] }
            var requests: Set<Int> = []
            for model in 0..<models {
                for row in rows {
                    for set in 0..<sets {
                        let index = ((model * sweep.rows.count + row) * sets + set) * repeats
                        requests.insert(fingerprint(plan.points[index]))
                    }
                }
            }
            distinct = requests.count
            identical = candidates.map { distinct * ((sweep.rows.distinctValues(of: $0) ?? 1) - 1) }
        } else {
            guard perRepeat <= maximumPoints else { return [] }
            var requests: Set<Int> = []
            var withVariable = [Set<Int>](repeating: [], count: candidates.count)
            for point in plan.points where point.repeatIndex == 0 {
                let request = fingerprint(point)
                requests.insert(request)
                for (c, name) in candidates.enumerated() {
                    var hasher = Hasher()
                    hasher.combine(request)
                    hasher.combine(point.variables[name])
                    withVariable[c].insert(hasher.finalize())
                }
            }
            distinct = requests.count
            identical = withVariable.map { $0.count - distinct }
        }
        let per = sweep.repeats > 1 ? " per repeat" : ""
        return zip(candidates, identical).compactMap { name, identical in
            guard identical > 0 else { return nil }
            return Diagnostic(
                .warning,
                "sweep variable '\(name)' is read by neither the prompt nor model:; it makes \(identical) identical "
                    + "request\(identical == 1 ? "" : "s") (\(perRepeat) planned\(per), \(distinct) distinct)",
                at: location(of: name, in: vars.value))
        }
    }

    /// The variables the requests can depend on: placeholder roots the prompt's arguments do not
    /// fill, and the names `model:`, `turns:` and `score:` read.
    static func namesRead(by sweep: SweepFields) -> Set<String> {
        let arguments = Set(sweep.prompt.arguments.keys)
        var names: Set<String> = []
        for message in sweep.prompt.messages {
            for path in message.template.placeholders {
                if let root = path.first?.name, !arguments.contains(root) { names.insert(root) }
            }
        }
        if let model = sweep.modelExpression { names.formUnion(NameCheck.names(in: model)) }
        if let turns = sweep.turns { names.formUnion(NameCheck.names(in: turns)) }
        if let score = sweep.score { names.formUnion(NameCheck.names(in: score)) }
        return names
    }

    /// The variable's key when `vars:` is a record written out, else the whole `vars:` value.
    private static func location(of name: String, in expression: Expression) -> SourceRange {
        if case .record(let fields) = expression.kind, let field = fields.first(where: { $0.key.name == name }) {
            return field.key.range
        }
        return expression.range
    }

    /// Every turn's model, server, parameters and messages, and a scoring chain's continuation,
    /// hashed (as values: serializing each request took as long as planning it).
    private static func fingerprint(_ point: PlanPoint) -> Int {
        var hasher = Hasher()
        hasher.combine(point.score)
        for turn in point.turns {
            hasher.combine(turn.model.id)
            hasher.combine(turn.model.endpoint)
            hasher.combine(turn.parameters)
            hasher.combine(turn.messages)
        }
        return hasher.finalize()
    }
}
