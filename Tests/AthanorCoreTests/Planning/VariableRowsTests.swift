import AthanorLanguage
import Testing

@testable import AthanorCore

@Suite struct VariableRowsTests {
    @Test func aProductChangesItsLastColumnFastest() throws {
        let rows = try VariableRows.product(
            of: Record(["a": .list([.number(1), .number(2)]), "b": .list([.string("x"), .string("y"), .string("z")])]),
            at: .none, what: "vars")
        #expect(rows.count == 6)
        #expect(rows.name == "points")
        #expect(
            (0..<6).map { rows.row(at: $0) } == [
                Record(["a": .number(1), "b": .string("x")]), Record(["a": .number(1), "b": .string("y")]),
                Record(["a": .number(1), "b": .string("z")]), Record(["a": .number(2), "b": .string("x")]),
                Record(["a": .number(2), "b": .string("y")]), Record(["a": .number(2), "b": .string("z")]),
            ])
        #expect(rows.labelParts(at: 4) == ["a=2", "b=y"])
    }

    @Test func recordValuesAreKeyedByTheirPosition() throws {
        let rows = try VariableRows.product(
            of: Record([
                "item": .list([.record(Record(["q": .string("one")])), .record(Record(["q": .string("two")]))])
            ]),
            at: .none, what: "vars")
        #expect(rows.name == "item")
        #expect(rows.labelParts(at: 1) == ["item=1"])
        #expect(rows.row(at: 1)["item"] == .record(Record(["q": .string("two")])))
    }

    @Test func aHugeProductIsRefusedBeforeAnythingIsComputed() {
        let column = Value.list((0..<10_000).map { .number(Double($0)) })
        #expect(throws: Diagnostic.self) {
            try VariableRows.product(of: Record(["a": column, "b": column]), at: .none, what: "vars")
        }
    }

    @Test func aLargeSweepIsComputedPointByPointWithUniqueKeys() async throws {
        let harness = PlanningHarness(
            """
            model m = "x/y"
            sweep big { models: [m], prompt: "Count to {{n}}", vars: { n: range(0, 100000) } }
            sweep twice { models: [m], prompt: "{{n}}", vars: { n: [1, 1, 2] } }
            """)
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "big")
        #expect(plan.points.count == 100_000)
        #expect(plan.requestCount == 100_000)
        #expect(plan.modelIDs == ["x/y"])
        let last = plan.points[99_999]
        #expect(last.label == "model=m;n=99999")
        #expect(last.index == 99_999)
        #expect(last.turns.first?.messages.first?.content == "Count to 99999")
        let twice = try await harness.plan(sweep: "twice")
        #expect(twice.points.map(\.label) == ["model=m;n=1", "model=m;n=1#2", "model=m;n=2"])
        #expect(Set(twice.points.map(\.key)).count == 3)
    }
}
