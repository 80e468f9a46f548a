import AthanorTestSupport
import Foundation
import Testing

/// The acceptance test of the language: every shared example, and the studies written in the
/// language (`reliability.ath`, `substrate_turns.ath`), runs unchanged against the simulator.
@Suite struct ExamplesTests {
    @Test(arguments: [
        ("capitals.ath", 2, 3), ("calibration.ath", 1, 2), ("prefill.ath", 1, 0), ("substrate_shift.ath", 1, 1),
        ("reliability.ath", 1, 2), ("substrate_turns.ath", 1, 3),
    ])
    func exampleRunsAndIsStored(file: String, runs: Int, assertions: Int) async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", file)
        #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
        #expect(try bench.scalar("select count(*) from experiment_runs where status = 'completed'") == "\(runs)")
        #expect(try bench.scalar("select count(*) from run_results where kind = 'assertion'") == "\(assertions)")
        #expect(
            try bench.scalar(
                "select count(*) from run_results where kind = 'assertion' and (value->>'holds')::boolean")
                == "\(assertions)")
        #expect(try bench.scalar("select count(*) from cells where status <> 'succeeded'") == "0")
        #expect(try bench.scalar("select status from sessions") == "completed")
    }

    @Test func aSweepStoresOnePointPerCoordinateWithItsVariables() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "calibration.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try bench.query(
            """
            select value->>'label', value->'vars'->>'truth', value->'params'->>'temperature', value->>'repeat'
            from run_results where kind = 'point' order by 1
            """)
        #expect(rows.count == 16)
        #expect(rows.contains(["model=m;row=3;temperature=1;repeat=1", "false", "1", "1"]))
    }

    @Test func conversationsKeepEveryTurn() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "substrate_shift.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let turns = try bench.query(
            """
            select jsonb_array_length(value->'turns'), value->'turns'->1->>'model', value->'turns'->3->'request'->'messages'->7->>'role'
            from run_results where value->>'label' = 'pair=1;switch_turn=2;repeat=0'
            """)
        #expect(turns == [["4", "llama", "user"]])
        #expect(result.standardOutput.contains("48 requests"))
    }
}
