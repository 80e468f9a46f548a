import AthanorLanguage
import Foundation
import Testing

/// The acceptance scripts in `Examples/` parse cleanly into the cells and statements they read as.
@Suite struct ExamplesParseTests {
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples")

    static func parse(_ name: String) throws -> ParseResult {
        let url = examplesFolder.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return Parser.parseScript(SourceFile(name: name, text: text))
    }

    /// A short name per statement kind, so whole cells compare at a glance.
    static func kinds(_ cell: Cell) -> [String] {
        cell.statements.map { statement in
            switch statement.kind {
            case .model: "model"
            case .prompt: "prompt"
            case .let: "let"
            case .ask: "ask"
            case .score: "score"
            case .sweep: "sweep"
            case .assert: "assert"
            case .show: "show"
            case .expression: "expression"
            case .command: "command"
            }
        }
    }

    @Test(arguments: [
        "calibration.ath", "capitals.ath", "prefill.ath", "substrate_shift.ath", "reliability.ath",
        "substrate_turns.ath",
    ])
    func parsesWithoutDiagnostics(name: String) throws {
        let result = try Self.parse(name)
        #expect(result.diagnostics == [], "\(result.diagnostics)")
        for cell in result.script.cells {
            #expect(
                result.script.file.text.utf8.dropFirst(cell.range.start.offset).prefix(
                    cell.range.end.offset - cell.range.start.offset
                ).elementsEqual(cell.source.utf8))
        }
    }

    @Test func calibration() throws {
        let cells = try Self.parse("calibration.ath").script.cells
        #expect(
            cells.map(\.title) == [
                nil, "4 rows x 2 temperatures x 2 repeats = 16 requests",
                "The answer mass should sit on Yes/No, and mostly on the right one",
            ])
        #expect(cells.map(Self.kinds) == [["model", "prompt"], ["let", "sweep"], ["assert", "assert", "show"]])
        #expect(cells[0].source.hasPrefix("# Yes/No calibration"))
        let prompt = try #require(cells[0].statements.last)
        guard case .prompt(_, let messages) = prompt.kind, case .string(let template) = messages.first?.content.kind
        else {
            Issue.record("expected a prompt with a string")
            return
        }
        #expect(template.sourceText == "Is the following statement true? Answer Yes or No.\nStatement: {{statement}}")
        guard case .sweep(_, let fields) = cells[1].statements[1].kind else { return }
        #expect(fields.map(\.key) == [.models, .prompt, .vars, .params, .repeat, .concurrency])
        guard case .assert(let assertion) = cells[2].statements[1].kind else { return }
        #expect(assertion.quantifier == .fraction(0.75))
    }

    @Test func capitals() throws {
        let cells = try Self.parse("capitals.ath").script.cells
        #expect(
            cells.map(\.title) == [
                "Models", "The question and the answer key",
                "One question, both models: shows each token with its top alternatives",
                "The sweep: 2 models x 3 countries = 6 requests", "Checks",
            ])
        #expect(
            cells.map(Self.kinds) == [
                ["model", "model"], ["prompt", "let"], ["ask"], ["sweep"], ["assert", "assert", "assert", "show"],
            ])
        #expect(cells[2].source == "ask [mini, llama] capital(country: \"France\")")
        guard case .assert(let assertion) = cells[4].statements[2].kind else { return }
        #expect(assertion.quantifier == .any)
        #expect(assertion.filter != nil)
    }

    @Test func prefillHasOneCellPerStatement() throws {
        let cells = try Self.parse("prefill.ath").script.cells
        #expect(cells.map(Self.kinds) == [["model"], ["prompt"], ["ask"], ["show"], ["show"], ["command"]])
        #expect(cells.allSatisfy { $0.title == nil })
        #expect(cells[0].source.hasPrefix("# A prefilled assistant turn"))
        #expect(cells[5].source == ":runs 3")
        guard case .prompt(_, let messages) = cells[1].statements[0].kind else { return }
        #expect(messages.map(\.role) == [.user, .assistant])
    }

    @Test func substrateShift() throws {
        let cells = try Self.parse("substrate_shift.ath").script.cells
        #expect(
            cells.map(\.title) == [
                nil, "switch_turn 0 is the control: model a throughout",
                "Every conversation has all its turns; report who noticed",
            ])
        #expect(
            cells.map(Self.kinds) == [
                ["model", "model", "model", "prompt", "let", "let"], ["sweep"], ["assert", "show"],
            ])
        guard case .sweep(_, let fields) = cells[1].statements[0].kind else { return }
        let model = try #require(fields.first { $0.key == .model })
        guard case .conditional = model.value.kind else {
            Issue.record("model: should be an if expression")
            return
        }
    }
}
