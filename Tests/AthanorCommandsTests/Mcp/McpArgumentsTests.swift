import AthanorCore
import MCP
import Testing

@testable import AthanorCommands

/// A tool call's arguments are read by name and type, and what is wrong is said in a sentence.
@Suite struct McpArgumentsTests {
    private func arguments(_ values: [String: MCP.Value], accepted: [String] = ["run", "limit", "status", "dry_run"])
        throws(McpToolError) -> McpArguments
    {
        try McpArguments(tool: "show_run", values: values, accepted: accepted)
    }

    /// What reading says when it fails (nil when it does not).
    private func sentence(_ read: () throws -> Void) -> String? {
        do {
            try read()
            return nil
        } catch {
            return (error as? McpToolError)?.description ?? "not a McpToolError: \(error)"
        }
    }

    @Test func wholeNumbersAreTakenAsIntegersOrWholeDoubles() throws {
        #expect(try arguments(["run": 3]).runID() == 3)
        #expect(try arguments(["run": 3.0]).runID() == 3, "a client that sends 3.0 means 3")
        #expect(try arguments([:]).integer("limit", in: 1...200) == nil)
        #expect(try arguments(["limit": nil]).integer("limit", in: 1...200) == nil, "null is absent")
    }

    @Test func aWrongValueIsSaidWithTheToolTheArgumentAndTheValue() {
        #expect(
            sentence { _ = try arguments(["run": 2.5]).runID() } == "show_run: 'run' must be a whole number, not 2.5")
        #expect(
            sentence { _ = try arguments(["run": "7"]).runID() }
                == "show_run: 'run' must be a whole number, not the string \"7\"")
        #expect(sentence { _ = try arguments(["run": 0]).runID() } == "show_run: 'run' must be 1 or more, not 0")
        #expect(sentence { _ = try arguments([:]).runID() } == "show_run needs 'run'")
        #expect(
            sentence { _ = try arguments(["limit": 500]).integer("limit", in: 1...200) }
                == "show_run: 'limit' must be between 1 and 200, not 500")
        #expect(
            sentence { _ = try arguments(["dry_run": "no"]).bool("dry_run") }
                == "show_run: 'dry_run' must be true or false, not the string \"no\"")
        #expect(
            sentence { _ = try arguments(["status": "done"]).choice("status", as: RunStatus.self) }
                == "show_run: 'status' must be one of pending, running, completed, failed, cancelled, interrupted, "
                + "not 'done'")
    }

    @Test func anArgumentTheToolDoesNotTakeIsRefusedNamingThoseItTakes() {
        #expect(
            sentence { _ = try arguments(["runs": 1], accepted: ["cursor", "page_size", "run"]) }
                == "show_run has no argument 'runs'; it takes cursor, page_size, run")
        #expect(
            sentence { _ = try McpArguments(tool: "list_all", values: ["x": 1], accepted: []) }
                == "list_all has no argument 'x'; it takes none")
    }

    @Test func everyToolOfTheCatalogueTakesTheArgumentsItsSchemaNames() {
        #expect(McpToolCatalogue.arguments(of: "show_run") == ["cursor", "page_size", "run"])
        #expect(
            McpToolCatalogue.arguments(of: "run_script") == ["concurrency", "dry_run", "max_cost", "script", "wait"])
        #expect(McpToolCatalogue.arguments(of: "drop_table") == nil)
    }

    @Test func aCursorIsReadBackAsThePositionItWasMadeFrom() {
        let position = ResultPosition(pointIndex: 41, rowID: 9_000_000_001)
        #expect(ResultCursor.position(ResultCursor.text(position)) == position)
        #expect(ResultCursor.position("41") == nil)
        #expect(ResultCursor.position("-1.3") == nil)
        #expect(ResultCursor.position("a.b") == nil)
    }
}
