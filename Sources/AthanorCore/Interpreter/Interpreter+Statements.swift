import AthanorLanguage
import Foundation

extension Interpreter {
    func execute(
        _ statement: Statement, context: EvaluationContext, cell: Cell, cellID: Int64?, dryRun: Bool,
        report: inout CellReport
    ) async throws {
        let evaluator = Evaluator(context: context)
        try await loadStoredRuns(mentionedIn: context.text(of: statement.range))
        let planOnly = dryRun
        // Runs left to workers have no answers yet: what reads them is checked, as in a dry run.
        let dryRun = dryRun || services.sessionSettings.enqueue
        /// Sends a planned `ask`, `score` or `sweep` (or only shows it, in a dry run).
        func send(_ plan: Plan) async throws {
            // Planning stops early when the cell is cancelled: such a plan is never sent.
            try Task.checkCancellationAsFailure()
            let finished = try await perform(
                plan, source: context.text(of: statement.range), file: context.file.name, range: statement.range,
                cellID: cellID, dryRun: planOnly)
            if let finished { report.record(finished) }
        }
        switch statement.kind {
        case .model(let name, let idExpression, let parameters):
            let idValue = try await evaluator.evaluate(idExpression, in: scope)
            guard case .string(let id) = idValue, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Diagnostic(
                    .error, "a model needs an OpenRouter model id string, e.g. \"openai/gpt-4o-mini\"",
                    at: idExpression.range)
            }
            var params = ModelParameters()
            var endpoint: String?
            if let parameters {
                guard case .record(var record) = try await evaluator.evaluate(parameters, in: scope) else {
                    throw Diagnostic(
                        .error, "model parameters must be a record, e.g. { temperature: 0 }", at: parameters.range)
                }
                var keyRanges: [String: SourceRange] = [:]
                var valueRanges: [String: SourceRange] = [:]
                if case .record(let fields) = parameters.kind {
                    for f in fields {
                        keyRanges[f.key.name] = f.key.range
                        valueRanges[f.key.name] = f.value.range
                    }
                }
                // The endpoint says where the model is sent, not how: it is the declaration's own.
                if let value = record["endpoint"] {
                    endpoint = try ModelEndpoint.baseURL(
                        value, at: valueRanges["endpoint"] ?? keyRanges["endpoint"] ?? parameters.range)
                    record = Record(record.fields.filter { $0.key != "endpoint" })
                }
                params = try ParameterRules.apply(record, to: params, at: parameters.range, ranges: keyRanges)
            }
            setBinding(name.name, .model(ModelHandle(name: name.name, id: id, parameters: params, endpoint: endpoint)))

        case .prompt(let name, let messages):
            var handle = PromptHandle(name: name.name, messages: [])
            for message in messages {
                guard case .string(let template) = message.content.kind else {
                    throw Diagnostic(.error, "a prompt message must be a string literal", at: message.content.range)
                }
                let role = ChatMessage.Role(rawValue: message.role.rawValue) ?? .user
                handle.messages.append(.init(role: role, template: template, range: message.content.range))
            }
            setBinding(name.name, .prompt(handle))

        case .let(let name, let value):
            if let override = overrides[name.name] {
                setBinding(name.name, override)
            } else if dryRun, !NameCheck.names(in: value).isDisjoint(with: unknownUntilRun) {
                // Computed from answers not yet received: unknown, not the empty answer of a run
                // not yet made (`let first = _.results[0].output` then `json(first)`).
                try NameCheck(scope: scope, run: nil).check([value])
                setBinding(name.name, .null)
                unknownUntilRun.insert(name.name)
            } else if let known = try await evaluate(value, evaluator: evaluator, dryRun: dryRun) {
                setBinding(name.name, known)
                unknownUntilRun.remove(name.name)
            } else {
                setBinding(name.name, .null)
                unknownUntilRun.insert(name.name)
            }

        case .ask(let models, let prompt):
            try await send(
                Planner(evaluator: evaluator).planAsk(
                    models: models, prompt: prompt, in: scope, defaultConcurrency: defaultConcurrency))

        case .score(let models, let prompt, let text):
            try await send(
                Planner(evaluator: evaluator).planAsk(
                    models: models, prompt: prompt, score: text, in: scope, defaultConcurrency: defaultConcurrency))

        case .sweep(let name, let fields):
            try await send(
                Planner(evaluator: evaluator).planSweep(
                    name: name, fields: fields, in: scope, range: statement.range,
                    defaultConcurrency: defaultConcurrency))

        case .assert(let assertion):
            let run = try await runValue(assertion.run, evaluator: evaluator, what: "assert")
            try NameCheck(scope: scope, run: run).check([assertion.condition] + (assertion.filter.map { [$0] } ?? []))
            let aggregation = Aggregation(evaluator: evaluator, scope: scope, run: run)
            let once = aggregation.containsAggregate(assertion.condition)
            if once {
                guard case .all = assertion.quantifier else {
                    throw Diagnostic(
                        .error,
                        "this condition uses aggregates, so it is checked once over the results and takes no quantifier ('all of', '90% of', …)",
                        at: assertion.condition.range)
                }
                try aggregation.checkGrouped(assertion.condition, keys: [])
            }
            guard !dryRun else {
                if let message = assertion.message {
                    _ = try await evaluate(message, evaluator: evaluator, dryRun: true)
                }
                return
            }
            let source = context.text(of: statement.range)
            let outcome =
                once
                ? try await AssertionEvaluator(evaluator: evaluator).checkOnce(
                    assertion, run: run, source: source, in: scope, aggregation: aggregation)
                : try await AssertionEvaluator(evaluator: evaluator).check(
                    assertion, run: run, source: source, in: scope)
            if outcome.holds { report.assertionsPassed += 1 } else { report.assertionsFailed += 1 }
            if run.id > 0 {
                // Where the assertion was written: its session, cell and place in the cell.
                let key =
                    "s\(services.sessionID ?? 0)c\(cellID ?? 0)/\(statement.range.start.line):\(statement.range.start.column)"
                do {
                    try await services.store.saveAssertion(runID: run.id, key: key, value: outcome.jsonValue)
                } catch {
                    throw CellFailure.store("\(error)")
                }
            }
            services.output.emit(.assertion(outcome))

        case .show(let subject, let filter, let groups, let columns):
            guard let value = try await evaluate(subject, evaluator: evaluator, dryRun: dryRun) else { return }
            guard case .run(let run) = value else {
                if let key = groups.first {
                    throw Diagnostic(
                        .error, "'by' groups the results of a run, and this is a \(value.typeName)", at: key.range)
                }
                guard !dryRun else { return }
                services.output.emit(
                    try await ShowBuilder(evaluator: evaluator).event(
                        for: value, filter: filter, columns: columns, in: scope))
                return
            }
            try NameCheck(scope: scope, run: run).check(columns + groups + (filter.map { [$0] } ?? []))
            let aggregation = Aggregation(evaluator: evaluator, scope: scope, run: run)
            guard !groups.isEmpty || columns.contains(where: aggregation.containsAggregate) else {
                guard !dryRun else { return }
                services.output.emit(
                    try await ShowBuilder(evaluator: evaluator).event(
                        for: value, filter: filter, columns: columns, in: scope))
                return
            }
            let grouped = GroupedTable(aggregation: aggregation)
            // Building the table checks it first; a dry run only checks.
            guard !dryRun else { return try grouped.check(keys: groups, columns: columns) }
            let table = try await grouped.table(for: run, filter: filter, keys: groups, columns: columns)
            // One aggregate giving a list of records (`calibration(…)`) is shown as that table.
            if groups.isEmpty, table.rows.count == 1, table.rows[0].count == 1,
                case .value(.list(let records)) = table.rows[0][0], !records.isEmpty,
                records.allSatisfy({ if case .record = $0 { true } else { false } })
            {
                services.output.emit(
                    try await ShowBuilder(evaluator: evaluator).event(
                        for: .list(records), filter: nil, columns: [], in: scope))
            } else {
                services.output.emit(.table(table))
            }

        case .expression(let expression):
            guard let value = try await evaluate(expression, evaluator: evaluator, dryRun: dryRun) else {
                // Only a real run knows it: later uses of `_` are checked for names, as after a run.
                unknownUntilRun.insert("_")
                return
            }
            setLastValue(value)
            unknownUntilRun.remove("_")
            guard !dryRun else { return }
            services.output.emit(.value(value))

        case .command(let name, let argument):
            guard !planOnly else { return }
            guard let commands = services.commands else {
                throw Diagnostic(.error, "meta-command ':\(name.name)' is not available here", at: name.range)
            }
            if try await commands.handle(name: name.name, argument: argument, output: services.output) == .quit {
                report.quitRequested = true
            }
        }
    }

    /// Evaluates, except in a dry run over values only a real run gives: those are checked for
    /// unknown names and give nil.
    private func evaluate(_ expression: Expression, evaluator: Evaluator, dryRun: Bool) async throws -> Value? {
        guard dryRun, !NameCheck.names(in: expression).isDisjoint(with: unknownUntilRun) else {
            return try await evaluator.evaluate(expression, in: scope)
        }
        do {
            return try await evaluator.evaluate(expression, in: scope)
        } catch {
            try NameCheck(scope: scope, run: nil).check([expression])
            return nil
        }
    }

    private func runValue(_ expression: Expression, evaluator: Evaluator, what: String) async throws -> RunValue {
        let value = try await evaluator.evaluate(expression, in: scope)
        guard case .run(let run) = value else {
            throw Diagnostic(
                .error, "'\(what)' needs a run here, got a \(value.typeName) (\(value.shortDescription))",
                at: expression.range)
        }
        return run
    }
}
