import AthanorLanguage
import Foundation

/// Expands `ask` and `sweep` into plans: every point, every message filled, every parameter
/// checked, before anything is sent. Each failure is a located diagnostic that costs nothing.
struct Planner: Sendable {
    let evaluator: Evaluator

    /// `ask MODELS PROMPT`: one point per model; `score MODELS PROMPT TEXT` (`score` given): one
    /// scoring chain per model.
    func planAsk(
        models: Expression, prompt: Expression, score: Expression? = nil, in scope: Scope, defaultConcurrency: Int
    )
        async throws(Diagnostic) -> Plan
    {
        let handles = try modelList(try await evaluator.evaluate(models, in: scope), at: models.range)
        let promptHandle = try await self.prompt(prompt, in: scope)
        var continuation: String?
        if let score { continuation = try await scoredText(score, in: scope, what: "score") }
        var points: [PlanPoint] = []
        var identities = PointIdentities()
        for (i, model) in handles.enumerated() {
            let messages = try render(promptHandle, in: scope, at: prompt.range)
            let parameters = continuation == nil ? model.parameters : ScoreChain.stepParameters(model.parameters)
            let turn = PlannedTurn(model: model, parameters: parameters, messages: messages)
            let identity = PointIdentity(
                coordinatesJSON: PointIdentity.coordinates(
                    model: model.name, variables: Record(), params: Record(), repeatIndex: 0, turnModels: nil,
                    score: continuation),
                label: "model=\(model.name)")
            points.append(
                PlanPoint(
                    identity: identities.unique(identity), index: i, variables: Record(), repeatIndex: 0,
                    turns: [turn], score: continuation))
        }
        var members: [String: JSONValue] = [
            "kind": "ask", "models": .array(handles.map { .string($0.id) }),
            "prompt": .string(promptHandle.description),
            "points": .number(Double(points.count)),
        ]
        if let continuation { members["score"] = .string(continuation) }
        let definition = JSONValue.object(members)
        var plan = Plan(
            name: continuation == nil ? "ask" : "score", kind: .ask, points: points,
            concurrency: max(1, min(defaultConcurrency, points.count)),
            dimensions: [("models", handles.count)], definition: definition)
        plan.definition = Self.withEndpoints(definition, plan.endpoints)
        return plan
    }

    /// The definition with the servers its models name (`endpoints`, null for the process's own),
    /// when any model names one.
    static func withEndpoints(_ definition: JSONValue, _ endpoints: [String?]) -> JSONValue {
        guard case .object(var members) = definition, endpoints.contains(where: { $0 != nil }) else {
            return definition
        }
        members["endpoints"] = .array(endpoints.map { JSONValue($0) })
        return .object(members)
    }

    /// `sweep NAME { … }`: models × vars × params × repeat, or conversations with `turns:`.
    func planSweep(name: Identifier, fields: [SweepField], in scope: Scope, range: SourceRange, defaultConcurrency: Int)
        async throws(Diagnostic) -> Plan
    {
        let sweep = try await SweepFields.read(fields, name: name, range: range, evaluator: evaluator, scope: scope)
        var plan =
            if sweep.turns == nil, sweep.score == nil, let models = sweep.models {
                try computedPlan(
                    name: name, sweep: sweep, models: models, in: scope, defaultConcurrency: defaultConcurrency)
            } else {
                try await listedPlan(name: name, sweep: sweep, in: scope, defaultConcurrency: defaultConcurrency)
            }
        plan.definition = [
            "kind": .string(plan.kind.rawValue), "name": .string(name.name),
            "models": .array(plan.modelIDs.map(JSONValue.string)),
            "prompt": .string(sweep.prompt.description), "points": .number(Double(plan.points.count)),
            "requests": .number(Double(plan.requestCount)), "repeat": .number(Double(sweep.repeats)),
            "concurrency": .number(Double(plan.concurrency)),
        ]
        plan.definition = Self.withEndpoints(plan.definition, plan.endpoints)
        plan.warnings = UnusedVariables.warnings(plan: plan, sweep: sweep, vars: fields.first { $0.key == .vars })
        return plan
    }

    /// A sweep over fixed models, one request per point: checked point by point, then computed
    /// again as it runs, so memory does not grow with the number of points.
    private func computedPlan(
        name: Identifier, sweep: SweepFields, models: [ModelHandle], in scope: Scope, defaultConcurrency: Int
    )
        throws(Diagnostic) -> Plan
    {
        var generator = try SweepPointGenerator(planner: self, scope: scope, sweep: sweep, models: models)
        try generator.check()
        var seen: Set<String> = []
        var servers: Set<String?> = []
        return Plan(
            name: name.name, kind: .sweep, points: PlanPoints(generator),
            concurrency: sweep.concurrency ?? defaultConcurrency,
            dimensions: dimensions(of: sweep, turns: nil), definition: [:], requestCount: generator.count,
            modelIDs: models.map(\.id).filter { seen.insert($0).inserted },
            endpoints: models.map(\.endpoint).filter { servers.insert($0).inserted },
            servedModels: Plan.distinct(models))
    }

    /// A conversation, or a sweep whose model is an expression: every point computed and kept.
    private func listedPlan(name: Identifier, sweep: SweepFields, in scope: Scope, defaultConcurrency: Int)
        async throws(Diagnostic) -> Plan
    {
        var points: [PlanPoint] = []
        var identities = PointIdentities()
        let modelsList: [ModelHandle?] = sweep.models ?? [nil]
        for model in modelsList {
            for row in 0..<sweep.rows.count {
                let variables = sweep.rows.row(at: row)
                for overrides in sweep.parameterSets {
                    for r in 0..<sweep.repeats {
                        // A cancelled cell's plan is cut short; its caller sends nothing of it.
                        if Task.isCancelled { break }
                        let pointScope = scope.with(
                            locals: Dictionary(
                                variables.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b }))
                        var turns: [PlannedTurn] = []
                        var continuation: String?
                        if let turnsExpression = sweep.turns {
                            let texts = try await conversationTurns(turnsExpression, in: pointScope)
                            for (t, text) in texts.enumerated() {
                                let turnScope = pointScope.with(locals: [
                                    "turn": .number(Double(t + 1)), "repeat": .number(Double(r)),
                                ])
                                let handle = try await pointModel(model, sweep.modelExpression, in: turnScope)
                                var messages =
                                    t == 0 ? try render(sweep.prompt, in: pointScope, at: sweep.promptRange) : []
                                messages.append(ChatMessage(role: .user, content: text))
                                turns.append(
                                    PlannedTurn(
                                        model: handle, parameters: try parameters(handle, overrides, sweep),
                                        messages: messages))
                            }
                        } else {
                            let repeatScope = pointScope.with(locals: ["repeat": .number(Double(r))])
                            let handle = try await pointModel(model, sweep.modelExpression, in: repeatScope)
                            let messages = try render(sweep.prompt, in: pointScope, at: sweep.promptRange)
                            var sent = try parameters(handle, overrides, sweep)
                            if let expression = sweep.score {
                                continuation = try await scoredText(expression, in: repeatScope, what: "'score:'")
                                sent = ScoreChain.stepParameters(sent)
                            }
                            turns = [PlannedTurn(model: handle, parameters: sent, messages: messages)]
                        }
                        var labelParts: [String] = []
                        if let model { labelParts.append("model=\(model.name)") }
                        labelParts += sweep.rows.labelParts(at: row)
                        labelParts += overrides.fields.map { "\($0.key)=\(PointLabel.short($0.value))" }
                        if sweep.repeats > 1 { labelParts.append("repeat=\(r)") }
                        let identity = PointIdentity(
                            coordinatesJSON: PointIdentity.coordinates(
                                model: sweep.turns == nil ? turns.last?.model.name : model?.name,
                                variables: variables, params: overrides, repeatIndex: r,
                                turnModels: sweep.turns == nil ? nil : turns.map(\.model.name), score: continuation),
                            label: labelParts.isEmpty ? "point" : labelParts.joined(separator: ";"))
                        points.append(
                            PlanPoint(
                                identity: identities.unique(identity), index: points.count, variables: variables,
                                repeatIndex: r, turns: turns, score: continuation))
                    }
                }
            }
        }
        return Plan(
            name: name.name, kind: sweep.turns != nil ? .conversation : sweep.score != nil ? .score : .sweep,
            points: points,
            concurrency: sweep.concurrency ?? defaultConcurrency,
            dimensions: dimensions(of: sweep, turns: sweep.turns == nil ? nil : points.first?.turns.count),
            definition: [:])
    }

    /// The factors of a sweep's size, for its summary.
    private func dimensions(of sweep: SweepFields, turns: Int?) -> [(name: String, count: Int)] {
        var dimensions: [(name: String, count: Int)] = []
        if let models = sweep.models { dimensions.append(("models", models.count)) }
        dimensions.append((sweep.rows.name, sweep.rows.count))
        if sweep.parameterSets.count > 1 {
            let names = sweep.parameterSets[0].keys
            dimensions.append((names.count == 1 ? names[0] : "parameter sets", sweep.parameterSets.count))
        }
        if sweep.repeats > 1 { dimensions.append(("repeats", sweep.repeats)) }
        if let turns { dimensions.append(("turns", turns)) }
        return dimensions
    }

    // MARK: Pieces

    func modelList(_ value: Value, at range: SourceRange) throws(Diagnostic) -> [ModelHandle] {
        switch value {
        case .model(let m): return [m]
        case .list(let items) where !items.isEmpty:
            var models: [ModelHandle] = []
            for item in items {
                guard case .model(let m) = item else {
                    throw Diagnostic(
                        .error,
                        "expected models here, but the list holds a \(item.typeName) (\(item.shortDescription))",
                        at: range)
                }
                models.append(m)
            }
            return models
        case .list: throw Diagnostic(.error, "the list of models is empty", at: range)
        default:
            throw Diagnostic(
                .error, "expected a model or a list of models, got a \(value.typeName) (\(value.shortDescription))",
                at: range)
        }
    }

    /// A prompt from an expression: a prompt handle, or a string literal kept as a template.
    func prompt(_ expression: Expression, in scope: Scope) async throws(Diagnostic) -> PromptHandle {
        if case .string(let template) = expression.kind {
            return PromptHandle(
                name: "prompt", messages: [.init(role: .user, template: template, range: expression.range)])
        }
        switch try await evaluator.evaluate(expression, in: scope) {
        case .prompt(let p): return p
        case .string(let s):
            return PromptHandle(
                name: "prompt", messages: [.init(role: .user, template: Template(text: s), range: expression.range)])
        case let other:
            throw Diagnostic(
                .error, "expected a prompt or a string, got a \(other.typeName) (\(other.shortDescription))",
                at: expression.range)
        }
    }

    /// The prompt's messages with every placeholder filled: arguments first, then the scope.
    func render(_ prompt: PromptHandle, in scope: Scope, at range: SourceRange) throws(Diagnostic) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        for message in prompt.messages {
            messages.append(
                ChatMessage(
                    role: message.role,
                    content: try evaluator.fill(message.template, in: scope, extra: prompt.arguments)))
        }
        guard !messages.isEmpty else { throw Diagnostic(.error, "prompt '\(prompt.name)' has no messages", at: range) }
        return messages
    }

    private func pointModel(_ fixed: ModelHandle?, _ expression: Expression?, in scope: Scope) async throws(Diagnostic)
        -> ModelHandle
    {
        if let fixed { return fixed }
        guard let expression else { throw Diagnostic(.error, "a sweep needs 'models:' or 'model:'", at: .none) }
        let value = try await evaluator.evaluate(expression, in: scope)
        guard case .model(let m) = value else {
            throw Diagnostic(
                .error, "'model:' must give a model, got a \(value.typeName) (\(value.shortDescription))",
                at: expression.range)
        }
        return m
    }

    /// The continuation a point scores (`score:`), with the point's variables in scope.
    private func scoredText(_ expression: Expression, in scope: Scope, what: String) async throws(Diagnostic)
        -> String
    {
        let value = try await evaluator.evaluate(expression, in: scope)
        guard case .string(let text) = value, !text.isEmpty else {
            let got =
                if case .string = value { "an empty string" } else { "a \(value.typeName) (\(value.shortDescription))" }
            throw Diagnostic(
                .error, "\(what) must give a non-empty string (the continuation to score), got \(got)",
                at: expression.range)
        }
        return text
    }

    /// The user messages of one conversation, with the point's variables in scope.
    private func conversationTurns(_ expression: Expression, in scope: Scope) async throws(Diagnostic) -> [String] {
        guard case .list(let items) = try await evaluator.evaluate(expression, in: scope), !items.isEmpty else {
            throw Diagnostic(.error, "'turns:' must be a non-empty list of messages", at: expression.range)
        }
        return items.map(\.plainText)
    }

    private func parameters(_ model: ModelHandle, _ overrides: Record, _ sweep: SweepFields) throws(Diagnostic)
        -> ModelParameters
    {
        try ParameterRules.apply(overrides, to: model.parameters, at: sweep.paramsRange)
    }
}

/// The pieces of a point's label (`PointIdentity.label`): short, one line, readable.
enum PointLabel {
    static func short(_ value: Value) -> String {
        let text: String =
            switch value {
            case .model(let m): m.name
            case .record(let r): "{" + r.fields.map { "\($0.key):\(short($0.value))" }.joined(separator: ",") + "}"
            default: value.plainText
            }
        // One line without `;` (which separates a label's parts), at most 40 characters.
        var line = text
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: ";") }) {
            line = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { $0 == "\n" ? " " : $0 == ";" ? "," : $0 }))
        }
        if line.utf8.count <= 40 { return line }
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }
}
