import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// A point's key is a stable hash of its full coordinates: what compare, replay and resume pair by.
@Suite struct PointIdentityTests {
    @Test func theHashIsFNV1aWith128Bits() {
        // Vectors of the FNV specification's 128-bit FNV-1a.
        #expect(PointIdentity.hash("") == "6c62272e07bb014262b821756295c58d")
        #expect(PointIdentity.hash("a") == "d228cb696f1a8caf78912b704e4a8964")
        #expect(PointIdentity.hash("foobar") == "343e1662793c64bf6f0d3597ba446f18")
    }

    @Test func theSameCoordinatesGiveTheSameKeyWhateverTheirOrder() {
        let a = PointIdentity(coordinates: ["model": "m", "vars": ["a": 1, "b": "x"]], label: "one")
        let b = PointIdentity(coordinates: ["vars": ["b": "x", "a": 1], "model": "m"], label: "two")
        #expect(a.key == b.key)
        #expect(a.key.count == 32)
    }

    @Test func longValuesThatDifferOnlyAtTheEndGetDifferentKeysButMayShareALabel() async throws {
        let long = String(repeating: "the same long beginning ", count: 10)
        let harness = PlanningHarness(
            """
            model m = "p/m"
            sweep s { models: [m], prompt: "{{x}}", vars: { x: ["\(long)A", "\(long)B"] } }
            """, name: "long.ath")
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "s")
        #expect(plan.points[0].label == plan.points[1].label)
        #expect(plan.points[0].key != plan.points[1].key)
        #expect(plan.points[0].identity.coordinates["vars"]?["x"]?.stringValue == long + "A")
    }

    @Test func anEditedRowIsAnotherPointAndAnUnchangedOneKeepsItsKey() async throws {
        func keys(_ rows: String) async throws -> [String] {
            let harness = PlanningHarness(
                """
                model m = "p/m"
                sweep s { models: [m], prompt: "{{q}}", vars: \(rows) }
                """, name: "rows.ath")
            #expect(try await harness.run() == nil)
            return try await harness.plan(sweep: "s").points.map(\.key)
        }
        let before = try await keys(#"[{q: "one"}, {q: "two"}]"#)
        let after = try await keys(#"[{q: "one"}, {q: "2"}]"#)
        #expect(before[0] == after[0])
        #expect(before[1] != after[1])
    }

    @Test func aStoredPointReadsBackAsThePointThatWasPlanned() async throws {
        let harness = PlanningHarness(try PlannerTests.example("substrate_shift.ath"), name: "substrate_shift.ath")
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "shift")
        var writer = StoredPointWriter()
        let rows = plan.points.map { writer.row(for: $0) }
        // The heads go through their stored JSON, as they do through experiment_runs.plan.
        let heads = try #require(PlanHeads(json: writer.heads.jsonValue))
        #expect(heads.heads.count == 3, "opus, mini and llama, each with its parameters")
        for (point, stored) in zip(plan.points, rows) {
            let read = try #require(PlanPoint(stored: stored, heads: heads))
            #expect(read.key == point.key && read.label == point.label && read.index == point.index)
            // Variables come back as JSON keeps them (a model as its name), as a stored result's do.
            #expect(read.repeatIndex == point.repeatIndex && read.variables.jsonValue == point.variables.jsonValue)
            #expect(read.variables.keys == point.variables.keys)
            #expect(read.turns.map(\.model.id) == point.turns.map(\.model.id))
            #expect(read.turns.map(\.model.name) == point.turns.map(\.model.name))
            #expect(read.turns.map(\.messages) == point.turns.map(\.messages))
            #expect(read.turns.map(\.parameters) == point.turns.map(\.parameters))
        }
        let broken = StoredPoint(index: 0, key: "k", label: "l", coordinates: "{}", request: "[")
        #expect(PlanPoint(stored: broken, heads: heads) == nil)
        let unknownHead = StoredPoint(
            index: 0, key: "k", label: "l", coordinates: "{}", request: #"{"turns": [{"head": 9, "messages": []}]}"#)
        #expect(PlanPoint(stored: unknownHead, heads: heads) == nil)
    }
}
