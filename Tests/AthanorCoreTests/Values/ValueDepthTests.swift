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

    static func extent(_ value: Value, depth: Int = .max, parts: Int = .max) -> Value.Extent? {
        value.extent(withinDepth: depth, parts: parts)
    }

    @Test func depthAndPartsAreMeasured() {
        #expect(Self.extent(.number(1)) == Value.Extent(depth: 1, parts: 1))
        #expect(Self.extent(.list([.number(1), .string("a")])) == Value.Extent(depth: 2, parts: 3))
        #expect(Self.extent(Self.nested(100)) == Value.Extent(depth: 100, parts: 100))
        let record = Value.record(Record(["a": .list([.record(Record(["b": .null]))])]))
        #expect(Self.extent(record) == Value.Extent(depth: 4, parts: 4))
        #expect(Self.extent(record, depth: 3) == nil)
    }

    /// The walk stops at the limit, so it neither recurses past it nor visits the rest.
    @Test func aDeepValueIsMeasuredOnlyToTheLimit() {
        let deep = Self.nested(2_000)
        #expect(Self.extent(deep, depth: LanguageLimits.valueDepth) == nil)
        #expect(Self.extent(Self.nested(600), depth: 600)?.depth == 600)
    }

    /// `[x, x]` doubled 200 times stores 200 lists but has 2^200 parts: measured once per list.
    @Test func sharedPartsAreMeasuredOnceAndCountedEachTime() {
        var value = Value.number(1)
        for _ in 0..<20 { value = .list([value, value]) }
        #expect(Self.extent(value) == Value.Extent(depth: 21, parts: (1 << 21) - 1))
        for _ in 20..<200 { value = .list([value, value]) }
        let elapsed = ContinuousClock().measure {
            #expect(Self.extent(value, parts: LanguageLimits.valueParts) == nil)
            #expect(Self.extent(value, parts: .max / 2) == nil)
        }
        #expect(elapsed < .seconds(1))
    }

    @Test func aValueDoubledEveryLineStopsAtTheSizeLimit() async throws {
        let script = "let x = 1\n" + String(repeating: "let x = [x, x]\n", count: 60) + "let same = x == x\n"
        let diagnostic = try #require(try await PlanningHarness(script).run())
        #expect(diagnostic.message == "a value may have at most \(LanguageLimits.valueParts) parts")
        // 2^24 - 1 parts passes ten million at the 23rd doubling, on line 24.
        #expect(diagnostic.range.start.line == 24)
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
