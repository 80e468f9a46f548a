import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// `_` is the last value a cell gave (an expression's or a run's); at the prompt `_N` is cell N's.
@Suite struct LastValueTests {
    let file = SourceFile(name: "t.ath", text: "")
    let interpreter = Interpreter(
        services: .init(
            provider: NothingSent(), store: NothingStored(), sessionID: nil,
            baseDirectory: URL(fileURLWithPath: "/"), output: EventLog(), commands: nil))

    func run(_ text: String, dryRun: Bool = false) async throws(CellFailure) {
        let source = SourceFile(name: "t.ath", text: text)
        for cell in Parser.parseScript(source).script.cells {
            _ = try await interpreter.run(cell, in: source, cellID: nil, dryRun: dryRun)
        }
    }

    @Test func anExpressionsValueIsUnderscoreAndCellNamesKeepIt() async throws {
        try await run("40 + 2")
        #expect(await interpreter.bindings["_"] == .number(42))
        await interpreter.nameLastValue(cell: 1)
        try await run("let x = 5")
        await interpreter.nameLastValue(cell: 2)
        try await run("_1 * 10")
        await interpreter.nameLastValue(cell: 3)
        let bindings = await interpreter.bindings
        #expect(bindings["_1"] == .number(42))
        #expect(bindings["_2"] == nil, "a let gives no value")
        #expect(bindings["_3"] == .number(420))
        #expect(bindings["_"] == .number(420))
    }

    @Test func aMissingCellValueSaysWhy() async {
        let error = await #expect(throws: CellFailure.self) { try await run("_7 + 1") }
        guard case .script(let diagnostic)? = error else { Issue.record("not a script error"); return }
        #expect(diagnostic.message.contains("'_7' is cell 7's value, and cell 7 gave none"))
        let none = await #expect(throws: CellFailure.self) { try await run("_") }
        guard case .script(let first)? = none else { Issue.record("not a script error"); return }
        #expect(first.message.contains("'_' is the last value"))
    }

    @Test func theCheckingPassKnowsUnderscoreAfterAnExpression() async throws {
        try await run("# %% a\n1 + 1\n# %% b\nlet y = _ + 1\n", dryRun: true)
        #expect(await interpreter.bindings["y"] == .number(3))
    }
}
