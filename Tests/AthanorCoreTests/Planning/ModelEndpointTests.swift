import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// `model m = "id" { endpoint: "http://…/v1" }`: where a model is sent, checked where it is
/// declared, carried by its requests and by the stored plan (so `resume` sends to the same server).
@Suite struct ModelEndpointTests {
    static let script = """
        model here  = "openai/gpt-4o-mini" { max_tokens: 3 }
        model local = "qwen2.5-7b" { endpoint: "http://127.0.0.1:8000/v1/", temperature: 0 }
        sweep s { models: [here, local], prompt: "Hi {{x}}", vars: { x: ["a", "b"] } }
        """

    @Test func theEndpointIsTheModelsAndNotAParameter() async throws {
        let harness = PlanningHarness(Self.script)
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "s")
        #expect(plan.endpoints == [nil, "http://127.0.0.1:8000/v1"], "trailing slashes dropped")
        let local = try #require(plan.points.last?.turns.first)
        #expect(local.model.endpoint == "http://127.0.0.1:8000/v1")
        #expect(local.parameters.temperature == 0)
        #expect(local.parameters.jsonValue["endpoint"] == nil, "it is never sent as a parameter")
        #expect(plan.points.first?.turns.first?.model.endpoint == nil)
        #expect(plan.definition["endpoints"] == [.null, "http://127.0.0.1:8000/v1"])
    }

    @Test func theStoredPlanCarriesTheEndpointBack() async throws {
        let harness = PlanningHarness(Self.script)
        #expect(try await harness.run() == nil)
        let plan = try await harness.plan(sweep: "s")
        var writer = StoredPointWriter()
        let rows = plan.points.map { writer.row(for: $0) }
        let heads = try #require(PlanHeads(json: try JSONValue.parse(writer.heads.jsonValue.serialized())))
        let read = rows.compactMap { PlanPoint(stored: $0, heads: heads) }
        #expect(read.map { $0.turns[0].model.endpoint } == plan.points.map { $0.turns[0].model.endpoint })
        #expect(read.map { $0.turns[0].model.endpoint }.contains("http://127.0.0.1:8000/v1"))
    }

    @Test func aRequestNamesItsEndpointWhenStoredAndReadBack() {
        let request = CompletionRequest(
            model: "qwen", messages: [ChatMessage(role: .user, content: "Hi")], endpoint: "http://h:1/v1")
        #expect(request.jsonValue["endpoint"] == "http://h:1/v1")
        #expect(CompletionRequest(json: request.jsonValue) == request)
        let plain = CompletionRequest(model: "qwen", messages: [])
        #expect(plain.jsonValue["endpoint"] == nil)
    }

    @Test(arguments: [
        (
            "{ endpoint: 8000 }",
            "'endpoint' must be the base URL of an OpenAI-compatible server, e.g. \"http://127.0.0.1:8000/v1\"; got a number"
        ),
        (
            "{ endpoint: \"localhost:8000\" }",
            "'endpoint' must start with http:// or https://, e.g. \"http://127.0.0.1:8000/v1\"; got \"localhost:8000\""
        ),
        (
            "{ endpoint: \"http://\" }",
            "'endpoint' must name a host, e.g. \"http://127.0.0.1:8000/v1\"; got \"http://\""
        ),
        (
            "{ endpoint: \"http://me:secret@h/v1\" }",
            "'endpoint' must not carry credentials: it is stored with the run; set OPENAI_API_KEY for its key"
        ),
        (
            "{ endpoint: \"http://h/v1?key=1\" }",
            "'endpoint' must be a base URL without a query or fragment, e.g. \"http://127.0.0.1:8000/v1\"; got \"http://h/v1?key=1\""
        ),
        (
            "{ endpoint: \"http://h /v1\" }",
            "'endpoint' must be the base URL of an OpenAI-compatible server, e.g. \"http://127.0.0.1:8000/v1\"; got \"http://h /v1\""
        ),
    ])
    func aBadEndpointIsALocatedError(parameters: String, message: String) async throws {
        let diagnostic = try #require(try await PlanningHarness("model m = \"x/y\" \(parameters)").run())
        #expect(diagnostic.message == message)
        #expect(diagnostic.range.start.line == 1)
        #expect(diagnostic.range.start.column == 29, "at the value")
    }

    @Test func aSweepCannotSweepEndpoints() async throws {
        let diagnostic = try #require(
            try await PlanningHarness(
                "model m = \"x/y\"\nsweep s { models: [m], prompt: \"hi\", params: { endpoint: [\"http://h/v1\"] } }"
            ).run())
        #expect(diagnostic.message.hasPrefix("'endpoint' is given where the model is declared"))
    }

    @Test func theModelsEndpointIsAField() async throws {
        let harness = PlanningHarness("model m = \"x/y\" { endpoint: \"https://h.example/v1\" }\nmodel n = \"x/z\"")
        #expect(try await harness.run() == nil)
        let bindings = await harness.interpreter.bindings
        guard case .model(let m) = bindings["m"], case .model(let n) = bindings["n"] else {
            Issue.record("models not bound")
            return
        }
        #expect(m.endpoint == "https://h.example/v1")
        #expect(n.endpoint == nil)
        let here = SourceLocation(line: 1, column: 1, offset: 0)
        let name = Identifier("endpoint", range: SourceRange(start: here, end: here))
        #expect(
            try Fields.field(name, of: .model(m), scope: Scope(bindings: bindings)) == .string("https://h.example/v1"))
        #expect(try Fields.field(name, of: .model(n), scope: Scope(bindings: bindings)) == .null)
    }
}
