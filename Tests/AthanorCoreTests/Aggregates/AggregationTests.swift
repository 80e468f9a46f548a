import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// Grouped `show` and aggregate `assert` over a run built by hand: four answers whose P("Yes") is
/// 0.9, 0.6 (temperature 0) and 0.3, 0.8 (temperature 1), the first and last true.
@Suite struct AggregationTests {
    static func result(_ index: Int, yes: Double, truth: Bool, temperature: Double, failed: Bool = false)
        -> ResultValue
    {
        var parameters = ModelParameters()
        parameters.temperature = temperature
        let token = TokenLogprob(
            token: "Yes", logprob: log(yes),
            top: [.init(token: "Yes", logprob: log(yes)), .init(token: "No", logprob: log(1 - yes))])
        let turn = ResultValue.Turn(
            modelName: "m", request: CompletionRequest(model: "x/m", messages: [], parameters: parameters),
            completion: Completion(text: "Yes", tokens: [token]))
        return ResultValue(
            key: "k\(index)", label: "row=\(index)", index: index, modelName: "m", modelID: "x/m",
            variables: Record([.init("truth", .string(truth ? "true" : "false"))]), parameters: parameters,
            repeatIndex: 0, turns: failed ? [] : [turn], error: failed ? "the provider failed" : nil)
    }

    static let run = RunValue(
        id: 7, name: "calib", status: .completed, sessionID: nil,
        results: [
            result(0, yes: 0.9, truth: true, temperature: 0), result(1, yes: 0.6, truth: false, temperature: 0),
            result(2, yes: 0.3, truth: false, temperature: 1), result(3, yes: 0.8, truth: true, temperature: 1),
        ])

    struct Statement {
        let file: SourceFile
        let kind: AthanorLanguage.Statement.Kind
        let evaluator: Evaluator

        init(_ source: String) {
            file = SourceFile(name: "t.ath", text: source)
            kind = Parser.parseEntry(file).script.cells[0].statements[0].kind
            evaluator = Evaluator(
                context: EvaluationContext(file: file, baseDirectory: URL(fileURLWithPath: "/"), loadRun: { _ in nil }))
        }

        var aggregation: Aggregation {
            Aggregation(evaluator: evaluator, scope: Scope(bindings: ["calib": .run(AggregationTests.run)]), run: run)
        }

        func table(over run: RunValue = AggregationTests.run) async throws(Diagnostic) -> ResultTable {
            guard case .show(_, let filter, let groups, let columns) = kind else {
                return ResultTable(columns: [], rows: [])
            }
            return try await GroupedTable(aggregation: aggregation).table(
                for: run, filter: filter, keys: groups, columns: columns)
        }

        func assertion() async throws(Diagnostic) -> AssertionReport? {
            guard case .assert(let assertion) = kind else { return nil }
            return try await AssertionEvaluator(evaluator: evaluator).checkOnce(
                assertion, run: run, source: file.text, in: Scope(bindings: [:]), aggregation: aggregation)
        }
    }

    static func number(_ cell: TableCell) -> Double? {
        if case .value(.number(let n)) = cell { n } else { nil }
    }

    @Test func byGroupsInOrderOfFirstAppearanceAndReducesEachGroup() async throws {
        let table = try await Statement(
            "show calib by params.temperature: mean(prob(\"Yes\")), count(), count(prob(\"Yes\") > 0.5)"
        ).table()
        #expect(
            table.columns == ["params.temperature", "mean(prob(\"Yes\"))", "count()", "count(prob(\"Yes\") > 0.5)"])
        #expect(table.rows.count == 2)
        #expect(table.rows.map { Self.number($0[0]) } == [0, 1])
        #expect(abs((Self.number(table.rows[0][1]) ?? 0) - 0.75) < 1e-12)
        #expect(abs((Self.number(table.rows[1][1]) ?? 0) - 0.55) < 1e-12)
        #expect(table.rows.map { Self.number($0[2]) } == [2, 2])
        #expect(table.rows.map { Self.number($0[3]) } == [2, 1])
        #expect(table.title == "run 7 (calib) by params.temperature")
    }

    @Test func aKeyMayBeUsedOutsideAggregatesAndKeysAloneCount() async throws {
        let table = try await Statement("show calib where truth == \"true\" by truth: truth + \"!\"").table()
        #expect(table.rows == [[.value(.string("true")), .value(.string("true!"))]])
        let counted = try await Statement("show calib by truth").table()
        #expect(counted.columns == ["truth", "count"])
        #expect(
            counted.rows == [
                [.value(.string("true")), .value(.number(2))], [.value(.string("false")), .value(.number(2))],
            ])
    }

    @Test func withoutByAggregateColumnsGiveOneRow() async throws {
        let table = try await Statement(
            "show calib: brier(prob(\"Yes\"), truth == \"true\"), accuracy(prob(\"Yes\") > 0.5, truth == \"true\"), max(prob(\"Yes\"))"
        ).table()
        // (0.1² + 0.6² + 0.3² + 0.2²) / 4 = 0.5 / 4; predictions true, true, false, true vs true, false, false, true.
        #expect(table.rows.count == 1)
        #expect(abs((Self.number(table.rows[0][0]) ?? 0) - 0.125) < 1e-12)
        #expect(Self.number(table.rows[0][1]) == 0.75)
        #expect(abs((Self.number(table.rows[0][2]) ?? 0) - 0.9) < 1e-12)
    }

    @Test func aConstantArgumentIsTheSameForEveryResult() async throws {
        let table = try await Statement("show calib: accuracy(output, \"Yes\"), quantile(prob(\"Yes\"), 0.5)").table()
        #expect(Self.number(table.rows[0][0]) == 1)
        #expect(abs((Self.number(table.rows[0][1]) ?? 0) - 0.7) < 1e-12)
    }

    @Test func calibrationGivesOneRecordPerBin() async throws {
        let table = try await Statement("show calib: calibration(prob(\"Yes\"), truth == \"true\", bins: 2)").table()
        guard case .value(.list(let bins)) = table.rows[0][0] else {
            Issue.record("not a list: \(table.rows)")
            return
        }
        #expect(bins.count == 2)
        guard case .record(let high) = bins[1] else { Issue.record("not a record"); return }
        // 0.9, 0.6, 0.8 fall in [0.5, 1]: two of three true.
        #expect(high["count"] == .number(3))
        #expect(high["frequency"].flatMap(\.numberValue).map { abs($0 - 2.0 / 3) < 1e-12 } == true)
        #expect(high.keys == ["bin", "from", "to", "count", "mean_p", "frequency"])
    }

    @Test func aPerResultPartOutsideAnAggregateIsAnErrorAtIt() async throws {
        for (source, stray) in [
            ("show calib by truth: output", "output"),
            ("show calib: mean(prob(\"Yes\")) - prob(\"No\")", "prob(\"No\")"),
            ("show calib by params.temperature: mean(prob(\"Yes\")), truth", "truth"),
        ] {
            let statement = Statement(source)
            await #expect {
                try await statement.table()
            } throws: { error in
                guard let diagnostic = error as? Diagnostic else { return false }
                return diagnostic.message.hasPrefix("'\(stray)' has one value per result")
                    && statement.evaluator.context.text(of: diagnostic.range) == stray
            }
        }
    }

    @Test func anErrorForOneResultMakesTheAggregateAnErrorNamingIt() async throws {
        var run = Self.run
        run.results.append(Self.result(4, yes: 0.5, truth: true, temperature: 1, failed: true))
        let table = try await Statement("show calib by params.temperature: mean(prob(\"Yes\"))").table(over: run)
        #expect(Self.number(table.rows[0][1]) != nil)
        guard case .error(let message) = table.rows[1][1] else {
            Issue.record("expected an error: \(table.rows[1])")
            return
        }
        #expect(message.hasSuffix("(at row=4)"))
    }

    @Test func aPerResultListIsNotSilentlyCountedAsOneValue() async throws {
        let table = try await Statement("show calib: count(tokens)").table()
        guard case .error(let message) = table.rows.first?.first else {
            Issue.record("expected an error: \(table.rows)")
            return
        }
        #expect(message.hasPrefix("count() over a run takes one value per result, and this gives a list (at row=0)"))
    }

    @Test func aNullForOneResultSaysHowToLeaveItOut() async throws {
        let table = try await Statement("show calib: mean(seq_prob(\"No\"))").table()
        guard case .error(let message) = table.rows.first?.first else {
            Issue.record("expected an error: \(table.rows)")
            return
        }
        #expect(
            message
                == "mean(): 'seq_prob(\"No\")' is null for row=0; leave such results out with 'where seq_prob(\"No\") != null'"
        )
    }

    @Test func anAggregateAssertionIsCheckedOnceWithItsValues() async throws {
        let held = try #require(
            try await Statement("assert calib: brier(prob(\"Yes\"), truth == \"true\") < 0.2").assertion())
        #expect(held.holds && held.quantifier == "once" && held.considered == 4 && held.passed == 1)
        #expect(held.aggregates?.map(\.source) == ["brier(prob(\"Yes\"), truth == \"true\")"])
        let failed = try #require(
            try await Statement("assert calib where truth == \"false\": mean(prob(\"Yes\")) < 0.4").assertion())
        #expect(!failed.holds && failed.considered == 2 && failed.failed == 1)
        #expect(failed.aggregates.map { $0.map { Self.number($0.value).map { abs($0 - 0.45) < 1e-12 } } } == [true])
        let stored = failed.jsonValue["aggregates"]?["mean(prob(\"Yes\"))"]?.doubleValue
        #expect(stored.map { abs($0 - 0.45) < 1e-12 } == true)
    }

    @Test func aReductionWithARunFirstIsAValueOverTheWholeRun() async throws {
        for (source, expected) in [
            ("brier(calib, prob(\"Yes\"), truth == \"true\")", 0.125), ("count(calib)", 4),
            ("count(calib, prob(\"Yes\") > 0.5)", 3), ("mean(calib, params.temperature)", 0.5),
            ("quantile(calib, prob(\"Yes\"), 0.5) * 10", 7), ("max(1, 2) + mean([1, 3])", 4),
        ] {
            let statement = Statement(source)
            guard case .expression(let expression) = statement.kind else {
                Issue.record("not an expression: \(source)"); continue
            }
            let value = try await statement.evaluator.evaluate(
                expression, in: Scope(bindings: ["calib": .run(Self.run)]))
            #expect(value.numberValue.map { abs($0 - expected) < 1e-9 } == true, "\(source) gave \(value)")
        }
        let grouped = try await Statement("show calib by truth: mean(prob(\"Yes\")) - mean(calib, prob(\"Yes\"))")
            .table()
        #expect(grouped.rows.count == 2, "a run of its own is the same for every group")
    }

    @Test func anAggregateThatRaisesAnErrorIsTheAssertionsErrorAndItsValue() async throws {
        var run = Self.run
        run.results.append(Self.result(4, yes: 0.5, truth: true, temperature: 1, failed: true))
        let statement = Statement("assert calib: mean(prob(\"Yes\")) > 0.5 and count() == 5")
        guard case .assert(let assertion) = statement.kind else { Issue.record("not an assert"); return }
        let report = try await AssertionEvaluator(evaluator: statement.evaluator).checkOnce(
            assertion, run: run, source: statement.file.text, in: Scope(bindings: [:]),
            aggregation: Aggregation(evaluator: statement.evaluator, scope: Scope(bindings: [:]), run: run))
        #expect(!report.holds && report.errors == 1 && report.failed == 0)
        #expect(report.firstErrors.first?.message.hasSuffix("(at row=4)") == true)
        #expect(report.aggregates?.map(\.source) == ["mean(prob(\"Yes\"))", "count()"])
        #expect(report.aggregates?.last?.value == .value(.number(5)))
        guard case .error(let message)? = report.aggregates?.first?.value else {
            Issue.record("the mean's cell should be its error")
            return
        }
        #expect(message == report.firstErrors.first?.message)
    }

    @Test func reductionsOfListsWorkOutsideRuns() async throws {
        for (source, expected) in [
            ("stddev([2, 4, 4, 4, 5, 5, 7, 9])", (32.0 / 7).squareRoot()), ("median([3, 1, 2])", 2),
            ("quantile([1, 2, 3, 4], 0.25)", 1.75), ("share([true, false, true, true])", 0.75),
            ("accuracy([1, 2, 3], [1, 2, 4])", 2.0 / 3), ("brier([0.9, 0.2], [true, false])", 0.025),
            ("ece([0.1, 0.3, 0.9], [false, true, true], bins: 2)", 0.2 + 0.1 / 3),
            ("max(prob(\"Yes\"), 0.95)", 0.95),
        ] {
            let statement = Statement(source)
            guard case .expression(let expression) = statement.kind else {
                Issue.record("not an expression: \(source)"); continue
            }
            let value = try await statement.evaluator.evaluate(
                expression, in: Scope(bindings: [:], result: Self.run.results[0]))
            #expect(value.numberValue.map { abs($0 - expected) < 1e-12 } == true, "\(source) gave \(value)")
        }
    }

    @Test(arguments: [
        ("brier([1.2], [true])", "brier() needs probabilities between 0 and 1, got 1.2 at item 0"),
        ("brier([0.5], [\"true\"])", "brier() needs true or false, got a string (\"true\") at item 0"),
        ("accuracy([1], [1, 2])", "accuracy() needs two lists of the same length, got 1 and 2"),
        ("stddev([1])", "stddev() needs at least 2 numbers, got 1"),
        ("quantile([1], 90)", "quantile() takes a fraction between 0 and 1 (0.9 for the 90th percentile), got 90"),
        ("calibration([0.5], [true], bins: 0)", "calibration() takes 1 to 1000 bins, got 0"),
        ("share([])", "share() of an empty list"),
    ])
    func badListsAreSaidPlainly(source: String, message: String) async throws {
        let statement = Statement(source)
        guard case .expression(let expression) = statement.kind else {
            Issue.record("not an expression: \(source)"); return
        }
        await #expect {
            _ = try await statement.evaluator.evaluate(expression, in: Scope(bindings: [:]))
        } throws: { error in
            (error as? Diagnostic)?.message == message
        }
    }
}
