import AthanorCore
import Foundation
import Testing

@testable import AthanorSimulator

/// `athanor-sim --strict-openai`: a strict OpenAI-compatible server that refuses OpenRouter's
/// fields and needs no key.
@Suite struct StrictOpenAITests {
    let strict: Simulator = {
        var configuration = SimulatorConfiguration()
        configuration.strictOpenAI = true
        return Simulator(configuration: configuration)
    }()

    @Test func theFlagIsParsed() throws {
        #expect(try SimulatorOptions.parse(["--strict-openai"])?.strictOpenAI == true)
        #expect(try SimulatorOptions.parse([])?.strictOpenAI == false)
        #expect(SimulatorOptions.usage.contains("--strict-openai"))
    }

    @Test func openRoutersFieldsAreRefusedByName() throws {
        var body = SimulatorTests.hello.objectValue ?? [:]
        body["provider"] = ["require_parameters": true]
        body["usage"] = ["include": true]
        let response = strict.handle(SimulatorTests.chat(.object(body)))
        #expect(response.status == 400)
        let json = try #require(JSONValue(jsonData: Data(response.bodyText.utf8)))
        #expect(json["error"]?["message"] == "Unrecognized request argument supplied: provider, usage")
        #expect(strict.stats.snapshot.chatRequests == 1)
    }

    @Test func standardFieldsAreAnsweredWithoutAKey() throws {
        var body = SimulatorTests.hello.objectValue ?? [:]
        body["max_tokens"] = 4
        body["temperature"] = 0
        body["seed"] = 7
        body["stream"] = true
        body["stream_options"] = ["include_usage": true]
        #expect(strict.handle(SimulatorTests.chat(.object(body), key: nil)).status == 200)
        #expect(strict.handle(SimulatorTests.chat(SimulatorTests.hello, key: nil)).status == 200)
        #expect(strict.handle(HTTPRequest(method: "GET", path: "/v1/models")).status == 200)
    }

    @Test func aKeyIsStillCheckedWhenOneIsConfigured() {
        var configuration = SimulatorConfiguration()
        configuration.strictOpenAI = true
        configuration.apiKey = "local"
        let keyed = Simulator(configuration: configuration)
        #expect(keyed.handle(SimulatorTests.chat(SimulatorTests.hello, key: nil)).status == 401)
        #expect(keyed.handle(SimulatorTests.chat(SimulatorTests.hello, key: "local")).status == 200)
    }

    @Test func theOrdinarySimulatorStillAcceptsOpenRoutersFields() {
        var body = SimulatorTests.hello.objectValue ?? [:]
        body["provider"] = ["require_parameters": true]
        body["usage"] = ["include": true]
        #expect(Simulator(configuration: .init()).handle(SimulatorTests.chat(.object(body))).status == 200)
    }
}
