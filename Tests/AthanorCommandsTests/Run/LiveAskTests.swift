import AthanorCore
import AthanorLanguage
import AthanorTestSupport
import Foundation
import OpenRouter
import PostgresStore
import Testing

/// The interpreter and executor as `athanor run` wires them (the OpenRouter client against the
/// simulator, PostgreSQL), with an output that keeps the live pieces of an `ask`.
@Suite(.serialized) struct LiveAskTests {
    /// Keeps every event; shows live answers, as a terminal does.
    final class Events: CellOutput, @unchecked Sendable {
        private let lock = NSLock()
        private var events: [CellEvent] = []
        let showsLiveAnswers: Bool
        init(showsLiveAnswers: Bool = true) { self.showsLiveAnswers = showsLiveAnswers }
        func emit(_ event: CellEvent) { lock.withLock { events.append(event) } }
        var pieces: [AnswerDelta] {
            lock.withLock { events.compactMap { if case .answerDelta(let piece) = $0 { piece } else { nil } } }
        }
        var answers: RunValue? {
            lock.withLock { events.lazy.compactMap { if case .answers(let run, _) = $0 { run } else { nil } }.first }
        }
    }

    private func run(
        _ text: String, simulator arguments: [String] = [], output: Events = Events(),
        settings: SessionSettings = SessionSettings()
    ) async throws -> (Events, TemporaryDatabase) {
        let sim = try SimulatorProcess.start(
            ["--scenario", BuiltProduct.packageRoot.appendingPathComponent("Examples/scenario.json").path] + arguments)
        defer { sim.stop() }
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: .url(database.url))
        let client = OpenRouterClient(
            configuration: OpenRouterConfiguration(baseURL: sim.baseURL.absoluteString, apiKey: APIKey("sk-test")))
        var interpreterSettings = Interpreter.Settings()
        interpreterSettings.retryPolicy = RetryPolicy(baseDelay: 0.01, maxDelay: 0.05)
        let interpreter = Interpreter(
            services: .init(
                provider: client, store: store, sessionID: try await store.startSession(NewSession(kind: .script)),
                baseDirectory: FileManager.default.temporaryDirectory, output: output, commands: nil,
                sessionSettings: settings),
            settings: interpreterSettings)
        let file = SourceFile(name: "live.ath", text: text)
        let parsed = Parser.parseScript(file)
        #expect(parsed.diagnostics.isEmpty)
        for cell in parsed.script.cells { _ = try await interpreter.run(cell, in: file, cellID: nil) }
        return (output, database)
    }

    @Test func anAskHandsOnItsTokensAsTheyArriveAndStoresTheWholeAnswer() async throws {
        let (events, database) = try await run(
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
            ask mini "The capital of France is"
            """)
        #expect(events.pieces.map(\.delta.text) == [" Paris", "."])
        #expect(events.pieces.flatMap(\.delta.tokens).map(\.token) == [" Paris", "."])
        #expect(events.pieces.allSatisfy { $0.attempt == 1 && $0.modelName == "mini" })
        #expect(events.pieces.first?.delta.provider == "Simulator")
        let result = try #require(events.answers?.results.first)
        #expect(result.output == " Paris.")
        #expect(result.completion?.tokens?.count == 2)
        let stored = try database.connect().execute("select value->'response'->>'content' from run_results").rows
        #expect(stored == [[" Paris."]])
    }

    @Test func aRetriedAnswerStartsOverUnderItsNextAttempt() async throws {
        // With seed 4 the simulator's first chat request fails mid-stream (after its first tokens), the second does not.
        let (events, database) = try await run(
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 8 }
            ask mini "Tell me about rivers."
            """, simulator: ["--fault-rate", "midstream-error=0.5", "--seed", "4"])
        let first = events.pieces.filter { $0.attempt == 1 }
        let second = events.pieces.filter { $0.attempt == 2 }
        #expect(first.count == 3, "the failed attempt's tokens were shown before the error")
        let result = try #require(events.answers?.results.first)
        #expect(result.error == nil)
        #expect(second.map(\.delta.text).joined() == result.output)
        #expect(second.flatMap(\.delta.tokens) == result.completion?.tokens)
        #expect(second.count > first.count, "the retry ran to the end")
        let warnings = try database.connect().execute("select message from run_logs where level = 'warning'").rows
        #expect(warnings.count == 1)
        #expect(warnings.first?.first??.contains("in the middle of the answer") == true)
    }

    @Test func sweepsAndOutputsWithoutLiveAnswersAreNotStreamed() async throws {
        let (sweep, _) = try await run(
            """
            model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
            prompt capital { user "What is the capital of {{country}}?" }
            sweep capitals {
              models: [mini]
              prompt: capital
              vars: { country: ["France", "Peru"] }
            }
            ask mini "The capital of France is"
            """, output: Events(showsLiveAnswers: false))
        #expect(sweep.pieces.isEmpty)
        #expect(sweep.answers?.results.first?.output == " Paris.")
        let off = SessionSettings()
        try off.assign("stream", "off")
        let (switchedOff, _) = try await run(
            "model mini = \"openai/gpt-4o-mini\" { max_tokens: 5 }\nask mini \"The capital of France is\"",
            settings: off)
        #expect(switchedOff.pieces.isEmpty)
        #expect(switchedOff.answers?.results.first?.output == " Paris.")
    }
}
