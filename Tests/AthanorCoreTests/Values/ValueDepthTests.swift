import AthanorLanguage
import Testing

@testable import AthanorCore

/// Values built one level per line stop at `LanguageLimits.valueDepth` with a located error;
/// everything that recurses over a value (equality, hashing, printing, JSON, freeing) is safe at it.
@Suite struct ValueDepthTests {
    static func nested(_ depth: Int) -> Value {
        var value = Value.number(1)
        for _ in 1..<depth { value = .list([value]) }
        return value
    }

    @Test func depthIsCountedWithoutRecursion() {
        #expect(!Value.number(1).nests(deeperThan: 1))
        #expect(Value.list([.number(1)]).nests(deeperThan: 1))
        #expect(!Self.nested(30_000).nests(deeperThan: 30_000))
        #expect(Self.nested(30_000).nests(deeperThan: 29_999))
        let record = Value.record(Record(["a": .list([.record(Record(["b": .null]))])]))
        #expect(record.nests(deeperThan: 3) && !record.nests(deeperThan: 4))
    }

    @Test func aValueBuiltALevelPerLineStopsAtTheLimit() async throws {
        let limit = LanguageLimits.valueDepth
        let script = "let x = 1\n" + String(repeating: "let x = [x]\n", count: limit + 10)
        let diagnostic = try #require(try await PlanningHarness(script).run())
        #expect(diagnostic.message == "a value may nest at most \(limit) levels")
        // `let x = 1` is one level, each line adds one: line `limit + 1` makes the first too deep.
        #expect(
            diagnostic.range.start == SourceLocation(line: limit + 1, column: 9, offset: diagnostic.range.start.offset))
    }

    @Test func recordsAndPromptArgumentsCountToo() async throws {
        let limit = LanguageLimits.valueDepth
        let records = "let x = 1\n" + String(repeating: "let x = {a: x}\n", count: limit + 1)
        #expect(try await PlanningHarness(records).run()?.message == "a value may nest at most \(limit) levels")
        let prompts = "prompt p = \"{{a}}\"\nlet x = 1\n" + String(repeating: "let x = p(a: x)\n", count: limit + 1)
        #expect(try await PlanningHarness(prompts).run()?.message == "a value may nest at most \(limit) levels")
    }

    @Test func aValueAtTheLimitCanBeComparedPrintedAndWritten() async throws {
        let limit = LanguageLimits.valueDepth
        let script =
            "let x = 1\n" + String(repeating: "let x = [x]\n", count: limit - 1)
            + "let y = x\nlet same = x == y\nlet text = \"{{x}}\"\nlet n = len(text)\n"
        #expect(try await PlanningHarness(script).run() == nil)
        let value = Self.nested(limit)
        #expect(value == Self.nested(limit))
        #expect(Set([value, Self.nested(limit)]).count == 1)
        #expect(value.description.count == 2 * (limit - 1) + 1)
        var writer = JSONWriter()
        writer.write(value)
        #expect(writer.text.count == 2 * (limit - 1) + 1)
        #expect(Value(json: value.jsonValue) == value)
    }
}
