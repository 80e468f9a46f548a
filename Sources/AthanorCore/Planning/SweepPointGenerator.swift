import AthanorLanguage

/// Computes point `i` of a sweep over fixed models (`models:`, one turn per point) from the
/// sweep's pieces: models × rows of `vars` × `params` sets × repeats, the last changing fastest.
///
/// The planner computes every point once to check it (every placeholder filled, every key made
/// unique) and keeps only this generator; the executor computes each point again as it sends it.
struct SweepPointGenerator: Sendable {
    private let planner: Planner
    private let scope: Scope
    private let sweep: SweepFields
    private let models: [ModelHandle]
    /// The parameters of each model under each `params` set, checked once: `[model][set]`.
    private let parameters: [[ModelParameters]]
    /// Points whose coordinates repeat an earlier point's, with their occurrence (2, 3, …).
    private var occurrences: [Int: Int] = [:]

    let count: Int

    init(planner: Planner, scope: Scope, sweep: SweepFields, models: [ModelHandle]) throws(Diagnostic) {
        self.planner = planner
        self.scope = scope
        self.sweep = sweep
        self.models = models
        var table: [[ModelParameters]] = []
        for model in models {
            var row: [ModelParameters] = []
            for overrides in sweep.parameterSets {
                row.append(try ParameterRules.apply(overrides, to: model.parameters, at: sweep.paramsRange))
            }
            table.append(row)
        }
        parameters = table
        var total = models.count
        for factor in [sweep.rows.count, sweep.parameterSets.count, sweep.repeats] {
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            guard !overflow, product <= Plan.maximumPoints else {
                throw Diagnostic(
                    .error, "the sweep has more than \(Plan.maximumPoints) points; split it", at: sweep.promptRange)
            }
            total = product
        }
        count = total
    }

    /// Computes every point once, which checks it, and numbers the occurrences of repeated
    /// coordinates (a value listed twice) so that every key is unique.
    ///
    /// Keys are told apart by their hashes, 8 bytes a point rather than the key itself (a 100,000-
    /// point sweep would otherwise hold 3 MB of keys while it plans). Only when two hashes meet,
    /// because coordinates truly repeat or (one chance in billions) collide, are the keys compared.
    /// Computes every point once, so that an error is found before anything is sent, and numbers
    /// the repeated coordinates. Stops early, unfinished, when the task is cancelled.
    mutating func check() throws(Diagnostic) {
        var hashes = Set<Int>(minimumCapacity: count)
        var repeated = false
        for index in 0..<count {
            // A cancelled cell stops here; its caller sees the cancellation and sends nothing.
            if index & 1023 == 0, Task.isCancelled { return }
            let place = coordinates(of: index)
            _ = try messages(at: place)
            if !hashes.insert(coordinatesJSON(place).hashValue).inserted { repeated = true }
        }
        guard repeated else { return }
        hashes = []
        var seen: [String: Int] = [:]
        for index in 0..<count {
            let json = coordinatesJSON(coordinates(of: index))
            let n = seen[json, default: 0] + 1
            seen[json] = n
            if n > 1 { occurrences[index] = n }
        }
    }

    /// Point `index`, which `check()` has already computed without error. Should it fail now
    /// anyway, the point has no turns and the executor stores it as failed rather than stopping.
    func checkedPoint(at index: Int) -> PlanPoint {
        do {
            return try point(at: index)
        } catch {
            let place = coordinates(of: index)
            return PlanPoint(
                identity: identity(of: index, place), index: index, variables: sweep.rows.row(at: place.row),
                repeatIndex: place.repeat, turns: [])
        }
    }

    func point(at index: Int) throws(Diagnostic) -> PlanPoint {
        let place = coordinates(of: index)
        let model = models[place.model]
        let turn = PlannedTurn(
            model: model, parameters: parameters[place.model][place.set], messages: try messages(at: place))
        return PlanPoint(
            identity: identity(of: index, place), index: index, variables: sweep.rows.row(at: place.row),
            repeatIndex: place.repeat, turns: [turn])
    }

    /// The point's prompt, filled with its row's variables.
    private func messages(at place: Coordinates) throws(Diagnostic) -> [ChatMessage] {
        let variables = sweep.rows.row(at: place.row)
        let locals = Dictionary(variables.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
        return try planner.render(sweep.prompt, in: scope.with(locals: locals), at: sweep.promptRange)
    }

    private func coordinatesJSON(_ place: Coordinates) -> String {
        PointIdentity.coordinates(
            model: models[place.model].name, variables: sweep.rows.row(at: place.row),
            params: sweep.parameterSets[place.set], repeatIndex: place.repeat, turnModels: nil)
    }

    private typealias Coordinates = (model: Int, row: Int, set: Int, repeat: Int)

    private func coordinates(of index: Int) -> Coordinates {
        var rest = index
        let r = rest % sweep.repeats
        rest /= sweep.repeats
        let set = rest % sweep.parameterSets.count
        rest /= sweep.parameterSets.count
        let row = rest % sweep.rows.count
        return (rest / sweep.rows.count, row, set, r)
    }

    /// The point's coordinates and key; its label is `model=NAME;ROW;PARAM=VALUE;repeat=R`.
    private func identity(of index: Int, _ place: Coordinates) -> PointIdentity {
        var label = "model=" + models[place.model].name
        for part in sweep.rows.labelParts(at: place.row) { label += ";" + part }
        for field in sweep.parameterSets[place.set].fields { label += ";\(field.key)=\(PointLabel.short(field.value))" }
        if sweep.repeats > 1 { label += ";repeat=\(place.repeat)" }
        let identity = PointIdentity(coordinatesJSON: coordinatesJSON(place), label: label)
        return occurrences[index].map(identity.occurrence) ?? identity
    }
}
