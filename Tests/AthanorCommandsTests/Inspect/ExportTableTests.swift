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
}
