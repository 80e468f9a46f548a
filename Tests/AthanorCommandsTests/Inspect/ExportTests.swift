import AthanorTestSupport
import Foundation
import Testing

@testable import AthanorCommands
@testable import AthanorCore

/// `athanor export`: what a CSV reader reads back is what was stored.
@Suite struct ExportTests {
    @Test func pointRowsRoundTripThroughTheCSVReader() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "tricky.ath",
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 8 }
            sweep s { models: [mini], prompt: "Say {{word}}", vars: { word: ["a, \\"quoted\\" word", "two\\nlines", " padded "] } }
            """)
        let recorded = try await bench.athanor("run", path)
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let file = bench.home.appendingPathComponent("s.csv").path
        let export = try await bench.athanor("export", "1", "--format", "csv", "-o", file)
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardError.contains("wrote 3 rows"))
        let rows = CSVReader.parse(try String(contentsOfFile: file, encoding: .utf8)).filter { $0 != [""] }
        let header = try #require(rows.first)
        #expect(header.prefix(7) == ["run_id", "key", "label", "model", "model_id", "repeat", "word"])
        #expect(header.contains("first_token_prob"))
        let records = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(records.count == 3)
        let stored = try bench.query(
            "select value->>'label', value->>'output', value->'vars'->>'word' from run_results order by 1")
        for row in stored {
            let record = try #require(records.first { $0["label"] == row[0] })
            #expect(record["output"] == row[1])
            #expect(record["word"] == row[2])
            let probability = try #require(Double(record["first_token_prob"] ?? ""))
            #expect(probability > 0 && probability <= 1)
        }
    }

    @Test func tokenRowsAsJSONLinesCarryTheAlternatives() async throws {
        let bench = try await Workbench.start()
        let recorded = try await bench.athanor("run", "hello.ath")
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let export = try await bench.athanor("export", "1", "--format", "jsonl", "--per", "token")
        #expect(export.status == 0, "\(export.standardError)")
        let lines = export.standardOutput.split(separator: "\n")
        #expect(lines.count == 2, "one line per token of ' Paris.'")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["token"] as? String == " Paris")
        #expect(first["position"] as? Int == 0)
        #expect((first["alternatives"] as? [Any])?.count == 20)
    }

    @Test func aConversationExportsOneRowPerTurnWithTheParametersAsNumbers() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "chat.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 8 }
            sweep chat { models: [mini], prompt: "Be brief.", turns: ["Hello", "Say Paris"], params: { temperature: [0, 0.7] } }
            """)
        let recorded = try await bench.athanor("run", path)
        #expect(recorded.status == 0, "\(recorded.standardError)")
        let export = try await bench.athanor("export", "1", "--format", "csv", "--per", "turn")
        #expect(export.status == 0, "\(export.standardError)")
        let rows = CSVReader.parse(export.standardOutput).filter { $0 != [""] }
        let header = try #require(rows.first)
        let records = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(records.count == 4, "2 temperatures x 2 turns")
        #expect(records.map { $0["turn"] } == ["1", "2", "1", "2"])
        #expect(Set(records.compactMap { $0["temperature"].flatMap(Double.init) }) == [0, 0.7])
        #expect(records.allSatisfy { $0["provider"]?.isEmpty == false && $0["turn_model"] == "mini" })
        // In plan order, as export reads them (`id` is the order the points finished in).
        let answers = try bench.query(
            """
            select t->'response'->>'content' from run_results, jsonb_array_elements(value->'turns') t
            where kind = 'point' order by coalesce(point_index, 0), id, (t->>'turn')::int
            """)
        #expect(records.map { $0["output"] } == answers.map { $0[0] })

        let tokens = try await bench.athanor("export", "1", "--format", "jsonl", "--per", "token")
        let turns = try tokens.standardOutput.split(separator: "\n").map { try JSONValue.parse(String($0))["turn"] }
        #expect(Set(turns) == [1, 2], "every turn's tokens are exported")

        let shift = try await bench.athanor("run", "substrate_shift.ath")
        #expect(shift.status == 0, "\(shift.standardError)")
        let conversations = try await bench.athanor("export", "2", "--per", "turn")
        #expect(CSVReader.parse(conversations.standardOutput).filter { $0 != [""] }.count == 1 + 12 * 4)
    }

    @Test func csvEscapingQuotesOnlyWhatNeedsIt() {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.escape("crlf\r\n") == "\"crlf\r\n\"")
        #expect(CSVWriter.escape(" lead") == "\" lead\"")
        #expect(CSVWriter.escape("") == "")
        #expect(CSVWriter.line(["a", "b,c"]) == "a,\"b,c\"\r\n")
        #expect(CSVReader.parse(CSVWriter.line(["x\"y", "1,2", "  "])).first == ["x\"y", "1,2", "  "])
    }
}
