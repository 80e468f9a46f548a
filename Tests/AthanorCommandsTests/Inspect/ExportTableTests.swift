import Testing

@testable import AthanorCommands
@testable import AthanorCore

/// `ExportTable`'s columns, fixed before the first row is read.
@Suite struct ExportTableTests {
    @Test func variableColumnsComeInTheOrderAReaderOfEveryRowMeetsThem() {
        let table = ExportTable(runID: 1, variableSets: [["word", "n"], ["n"], ["a", "word"]], per: .point)
        #expect(Array(table.columns[6..<9]) == ["n", "word", "a"], "a set's names sorted, new ones after")
        #expect(table.variableNames == ["n", "word", "a"])
    }

    @Test func aVariableNamedLikeAnotherColumnGetsANameOfItsOwn() {
        let table = ExportTable(runID: 1, variableSets: [["model", "output", "var_output", "run_id"]], per: .point)
        #expect(Set(table.columns).count == table.columns.count, "no column name twice")
        #expect(table.columns.contains("var_model") && table.columns.contains("var_run_id"))
        #expect(table.columns.contains("var_output") && table.columns.contains("var_var_output"))
        let row: [JSONValue] = table.columns.map { .string($0) }
        #expect(table.jsonLine(row).hasSuffix("}\n"), "a JSON line of distinct names (it trapped)")
    }

    @Test func aVariableNamedLikeAParameterOrTheTurnIsPrefixedInEveryGranularity() {
        for per in ExportTable.Granularity.allCases {
            let table = ExportTable(runID: 1, variableSets: [["temperature", "turn", "provider"]], per: per)
            #expect(Set(table.columns).count == table.columns.count, "\(per): no column name twice")
            #expect(table.columns.contains("var_temperature"), "\(per)")
            #expect(table.columns.contains("var_provider") == (per != .token), "\(per): token rows have no provider")
            #expect(table.columns.contains("var_turn") == (per != .point), "\(per)")
        }
    }

    @Test func aConversationHasARowPerTurnAndEveryTurnsTokens() {
        func turn(_ model: String, _ text: String, tokens: Int) -> ResultValue.Turn {
            let list = (0..<tokens).map { TokenLogprob(token: "t\($0)", logprob: -0.5, top: []) }
            return ResultValue.Turn(
                modelName: model, request: CompletionRequest(model: "m", messages: [], parameters: ModelParameters()),
                completion: Completion(text: text, tokens: list))
        }
        let result = ResultValue(
            key: "k", index: 0, modelName: "b", modelID: "m", variables: Record(),
            parameters: ModelParameters(temperature: 0.7), repeatIndex: 0,
            turns: [turn("a", "first", tokens: 2), turn("b", "second", tokens: 3)], error: nil)
        let turns = ExportTable(runID: 1, variableSets: [[]], per: .turn)
        let rows = turns.rows(result)
        func column(_ name: String, _ table: ExportTable, _ row: [JSONValue]) -> JSONValue? {
            table.columns.firstIndex(of: name).map { row[$0] }
        }
        #expect(rows.map { column("turn", turns, $0) } == [1, 2])
        #expect(rows.map { column("turn_model", turns, $0) } == ["a", "b"])
        #expect(rows.map { column("output", turns, $0) } == ["first", "second"])
        #expect(rows.allSatisfy { column("temperature", turns, $0) == 0.7 && column("top_p", turns, $0) == .null })
        let point = ExportTable(runID: 1, variableSets: [[]], per: .point)
        #expect(point.rows(result).map { column("output", point, $0) } == ["second"], "the last turn")
        let tokens = ExportTable(runID: 1, variableSets: [[]], per: .token)
        #expect(tokens.rows(result).map { column("turn", tokens, $0) } == [1, 1, 2, 2, 2])
        #expect(tokens.rows(result).map { column("position", tokens, $0) } == [0, 1, 0, 1, 2])
    }
}
