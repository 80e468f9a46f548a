import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// Issue 13's done-when, as a pandas user meets it: the CSV export of a conversation sweep, read
/// by `pandas.read_csv` with no options, has one row per turn, a `turn` column and a numeric
/// `temperature`.
@Suite(.enabled(if: PythonPandas.installed != nil, Comment(rawValue: PythonPandas.missing)))
struct PandasExportTests {
    let python = PythonPandas.installed ?? PythonPandas(executable: URL(fileURLWithPath: "/nonexistent"))

    /// Reads the CSV named by its argument and prints what the test checks, as one JSON object.
    static let summary = """
        import json, sys
        import pandas as pd
        df = pd.read_csv(sys.argv[1])
        print(json.dumps({
            "rows": len(df),
            "columns": list(df.columns),
            "temperature_numeric": bool(pd.api.types.is_numeric_dtype(df["temperature"])),
            "temperatures": sorted(float(t) for t in df["temperature"].unique()),
            "turn_numeric": bool(pd.api.types.is_integer_dtype(df["turn"])),
            "turns_per_point": sorted(set(tuple(g) for g in df.groupby("key")["turn"].apply(list))),
            "mean_prob_by_temperature_and_turn": len(df.groupby(["temperature", "turn"])["first_token_prob"].mean()),
        }))
        """

    @Test func aConversationSweepLoadsInPandasOneRowPerTurnWithANumericTemperature() async throws {
        let bench = try await Workbench.start()
        let script = try bench.script(
            "chat.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 8 }
            sweep chat {
                models: [mini], prompt: "Be brief.", vars: { city: ["Paris", "Rome"] },
                turns: ["Hello", "Name {{city}}", "Again"], params: { temperature: [0, 1] }
            }
            """)
        let run = try await bench.athanor("run", script)
        #expect(run.status == 0, "\(run.standardError)")
        let csv = bench.home.appendingPathComponent("chat.csv").path
        let export = try await bench.athanor("export", "1", "--per", "turn", "-o", csv)
        #expect(export.status == 0, "\(export.standardError)")

        let loaded = try await python.run(Self.summary, csv)
        #expect(loaded.status == 0, "pandas could not read it: \(loaded.standardError)")
        let summary = try JSONValue.parse(loaded.standardOutput)
        #expect(summary["rows"] == 12, "2 cities x 2 temperatures x 3 turns: \(loaded.standardOutput)")
        let columns = summary["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(columns.contains("turn") && columns.contains("turn_model") && columns.contains("city"))
        #expect(Set(columns).count == columns.count, "no column twice (pandas would rename one)")
        #expect(summary["temperature_numeric"] == true, "\(loaded.standardOutput)")
        #expect(summary["temperatures"] == [0, 1])
        #expect(summary["turn_numeric"] == true)
        #expect(summary["turns_per_point"] == [[1, 2, 3]], "each point's turns, in order")
        #expect(summary["mean_prob_by_temperature_and_turn"] == 6, "a groupby over the numeric columns")
    }
}
