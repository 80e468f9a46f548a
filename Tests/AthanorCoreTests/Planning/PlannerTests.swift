import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

@Suite struct PlannerTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Examples"
    ).standardized

    static func example(_ name: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func capitalsIsModelsTimesCountriesWithFilledMessages() async throws {
        let harness = PlanningHarness(try Self.example("capitals.ath"), name: "capitals.ath")
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "capitals")
        #expect(plan.requestCount == 6)
        #expect(
            plan.points.map(\.label) == [
                "model=mini;country=France", "model=mini;country=Japan", "model=mini;country=Peru",
                "model=llama;country=France", "model=llama;country=Japan", "model=llama;country=Peru",
            ])
        let first = try #require(plan.points.first?.turns.first)
        #expect(first.model.id == "openai/gpt-4o-mini")
        #expect(
            first.messages == [
                ChatMessage(role: .system, content: "Answer with the name of the city only."),
                ChatMessage(role: .user, content: "What is the capital of France?"),
            ])
        #expect(first.parameters.temperature == 0)
        #expect(first.parameters.maxTokens == 3)
        #expect(first.parameters.topLogprobs == 20)
        #expect(plan.summary == "6 requests (2 models × 3 country)")
    }

    @Test func calibrationIsRowsTimesParamsTimesRepeats() async throws {
        let harness = PlanningHarness(try Self.example("calibration.ath"), name: "calibration.ath")
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "calib")
        #expect(plan.requestCount == 16)
        #expect(plan.concurrency == 4)
        #expect(Set(plan.points.map(\.key)).count == 16)
        #expect(plan.points[0].label == "model=m;row=0;temperature=0;repeat=0")
        #expect(plan.points[3].turns[0].parameters.temperature == 1)
        #expect(plan.points[3].repeatIndex == 1)
        #expect(plan.points[4].variables["statement"] == .string("The Moon is larger than the Earth."))
        let prompt = plan.points[0].turns[0].messages[0].content
        #expect(
            prompt
                == "Is the following statement true? Answer Yes or No.\nStatement: Water boils at 100 degrees Celsius at sea level."
        )
    }

    @Test func conversationsSwitchModelAtTheSwitchTurn() async throws {
        let harness = PlanningHarness(try Self.example("substrate_shift.ath"), name: "substrate_shift.ath")
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "shift")
        #expect(plan.kind == .conversation)
        #expect(plan.points.count == 12)
        #expect(plan.requestCount == 48)
        func models(_ point: PlanPoint) -> [String] { point.turns.map(\.model.name) }
        let control = try #require(plan.points.first { $0.variables["switch_turn"] == .number(0) })
        #expect(models(control) == ["opus", "opus", "opus", "opus"])
        let atTwo = try #require(plan.points.first { $0.variables["switch_turn"] == .number(2) })
        #expect(models(atTwo) == ["opus", "mini", "mini", "mini"])
        let atThree = try #require(plan.points.last { $0.variables["switch_turn"] == .number(3) })
        #expect(models(atThree) == ["mini", "mini", "llama", "llama"])
        // The first turn carries the system prompt; later turns only their user message.
        #expect(atTwo.turns[0].messages.map(\.role) == [.system, .user])
        #expect(
            atTwo.turns[1].messages == [
                ChatMessage(role: .user, content: "Describe a color to someone who has never seen it.")
            ])
    }

    @Test func aColumnWhoseHeaderHasSpacesIsReachableInTemplates() async throws {
        let harness = PlanningHarness(
            """
            model m = "x/y"
            let rows = [{ "review text": "great" }, { "review text": "bad" }]
            sweep direct { models: [m], prompt: "Review: {{review text}}", vars: rows }
            sweep nested { models: [m], prompt: "Review: {{ row.review text }}", vars: { row: rows } }
            """)
        #expect(try await harness.run() == nil)
        for name in ["direct", "nested"] {
            let plan = try await harness.plan(sweep: name)
            #expect(plan.points.map { $0.turns[0].messages.last?.content } == ["Review: great", "Review: bad"])
        }
    }

    @Test func anUnknownPlaceholderIsLocatedWithASuggestion() async throws {
        let harness = PlanningHarness(
            """
            model m = "x/y"
            prompt p = "Capital of {{contry}}?"
            sweep s { models: [m], prompt: p, vars: { country: ["France"] } }
            """)
        let diagnostic = try #require(try await harness.run())
        #expect(diagnostic.message == "unknown variable 'contry'")
        #expect(diagnostic.range.start.line == 2)
        #expect(diagnostic.range.start.column == 26)
        #expect(diagnostic.suggestion == "country")
    }

    @Test(arguments: [
        ("model m = \"x/y\" { temprature: 1 }", "unknown model parameter 'temprature'"),
        ("model m = \"x/y\" { top_logprobs: 21 }", "'top_logprobs' must be between 0 and 20, got 21"),
        ("model m = \"x/y\" { max_tokens: 0.5 }", "'max_tokens' must be a whole number, got 0.5"),
        (
            "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", vars: { a: [] } }",
            "'vars' column 'a' is an empty list: the sweep would send nothing"
        ),
        ("sweep s { models: [nope], prompt: \"hi\" }", "unknown variable 'nope'"),
        (
            "model m = \"x/y\"\nsweep s { models: [m], model: m, prompt: \"hi\" }",
            "give either 'models:' or 'model:', not both"
        ),
        (
            "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", params: { top_logprobs: [5, 30] } }",
            "'top_logprobs' must be between 0 and 20, got 30"
        ),
        (
            "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", repeat: 0 }",
            "'repeat:' must be a whole number from 1 to 1000000, got 0"
        ),
    ])
    func mistakesCostNothing(script: String, message: String) async throws {
        let diagnostic = try #require(try await PlanningHarness(script).run())
        #expect(diagnostic.message == message)
    }

    @Test func anUnknownParameterListsTheKnownOnes() async throws {
        let diagnostic = try #require(try await PlanningHarness("model m = \"x/y\" { temprature: 1 }").run())
        #expect(diagnostic.suggestion == "temperature")
        #expect(diagnostic.notes.first?.contains("top_logprobs") == true)
        #expect(diagnostic.range.start.column == 19)
    }

    @Test func aListOfRecordsIsOnePointPerRow() async throws {
        let harness = PlanningHarness(
            """
            model m = "x/y"
            sweep s { models: [m], prompt: "{{q}} {{a.b}}", vars: [{ q: "one", a: { b: 1 } }, { q: "two", a: { b: 2 } }] }
            """)
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "s")
        #expect(plan.points.map(\.label) == ["model=m;row=0", "model=m;row=1"])
        #expect(plan.points.map { $0.turns[0].messages[0].content } == ["one 1", "two 2"])
    }

    @Test func scoreIsEvaluatedPerPointAndAsksForOneTokenAtATime() async throws {
        let harness = PlanningHarness(
            """
            model m = "x/y" { max_tokens: 40, top_logprobs: 3, stop: ["."], temperature: 1 }
            let answers = { France: "Paris", USA: "New York" }
            sweep s { models: [m], prompt: "Capital of {{c}}?", vars: { c: ["France", "USA"] }, score: answers[c], repeat: 2 }
            """)
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "s")
        #expect(plan.kind == .score)
        #expect(plan.points.map(\.score) == ["Paris", "Paris", "New York", "New York"])
        // The continuation is a coordinate: scoring another text is another point.
        #expect(plan.points[0].identity.coordinates["score"] == "Paris")
        #expect(plan.requestCount == 5 + 5 + 8 + 8)
        #expect(plan.summary == "up to 26 requests, one per token, in 4 scoring chains (2 c × 2 repeats)")
        let step = try #require(plan.points.first?.turns.first)
        #expect(step.parameters.maxTokens == 1)
        #expect(step.parameters.topLogprobs == 20)
        #expect(step.parameters.stop == nil)
        #expect(step.parameters.temperature == 1)
        #expect(step.messages == [ChatMessage(role: .user, content: "Capital of France?")])
        // The stored plan gives the same chains back (what `resume` sends).
        var writer = StoredPointWriter()
        let row = writer.row(for: plan.points[2])
        #expect(PlanPoint(stored: row, heads: writer.heads)?.score == "New York")
    }

    @Test func scoreMustGiveANonEmptyStringAndCannotGoWithTurns() async throws {
        let wrong = try #require(
            try await PlanningHarness(
                "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", vars: { n: [1, 2] }, score: n }"
            ).run())
        #expect(wrong.message == "'score:' must give a non-empty string (the continuation to score), got a number (1)")
        #expect(wrong.range.start.column == 66)
        let both = try #require(
            try await PlanningHarness(
                "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", turns: [\"a\"], score: \"b\" }"
            )
            .run())
        #expect(both.message.hasPrefix("'score:' cannot be used with 'turns:'"))
    }

    @Test func aDryRunStatesThePlanSize() async throws {
        let harness = PlanningHarness(try Self.example("capitals.ath"))
        _ = try await harness.run()
        #expect(harness.events.plans.map(\.requests) == [2, 6])
        let plans = harness.events.plans
        #expect(plans.allSatisfy { $0.dryRun })
    }
}
