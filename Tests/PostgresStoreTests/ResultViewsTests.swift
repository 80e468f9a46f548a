import AthanorCore
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// The views of v0008, as v0010 defines them (docs/sql.md), answer the three common queries in one line each, over
/// results stored through the store in their stored shape: one turn at the top, or `turns[]`.
@Suite struct ResultViewsTests {
    private func token(_ text: String, _ logprob: Double, alternatives: [(String, Double)]) -> JSONValue {
        [
            "token": .string(text), "logprob": .number(logprob),
            "top_logprobs": .array(alternatives.map { ["token": .string($0.0), "logprob": .number($0.1)] }),
        ]
    }

    private func response(_ content: String, provider: String, tokens: [JSONValue]) -> JSONValue {
        [
            "id": "gen", "model": "p/m", "provider": .string(provider), "content": .string(content),
            "finish_reason": "stop", "native_finish_reason": "stop", "logprobs": ["content": .array(tokens)],
            "usage": ["prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6, "cost": 0.5],
            "latency_ms": 12, "served_from": nil,
        ]
    }

    private func point(index: Int, model: String, temperature: Double) -> [String: JSONValue] {
        [
            "index": .number(Double(index)), "label": .string("model=\(model);temperature=\(temperature)"),
            "model": .string(model), "model_id": .string("p/\(model)"), "vars": ["country": "France"],
            "params": ["temperature": .number(temperature)], "repeat": 0, "error": nil,
        ]
    }

    @Test func theThreeCommonQueriesAreOneLineEach() async throws {
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: database.location)
        let sessionID = try await store.startSession(NewSession(kind: .script, sourcePath: "views.ath"))
        let instanceID = try await store.createInstance(NewInstance(name: "v", definition: [:], sessionID: sessionID))
        let runID = try await store.startRun(NewRun(instanceID: instanceID, sessionID: sessionID))

        var single = point(index: 0, model: "a", temperature: 0.5)
        single["output"] = "Paris"
        single["request"] = ["model": "p/a", "messages": []]
        let alternatives = (0..<25).map { ("t\($0)", -Double($0) - 0.1) }
        single["response"] = response(
            "Paris", provider: "One", tokens: [token("Paris", log(0.8), alternatives: alternatives)])
        try await store.saveResult(runID: runID, key: "k0", value: .object(single))

        var conversation = point(index: 1, model: "b", temperature: 1)
        conversation["output"] = "Lyon"
        conversation["turns"] = [
            [
                "turn": 1, "model": "b", "request": ["model": "p/b", "messages": []],
                "response": response("Hi", provider: "Two", tokens: [token("Hi", log(0.4), alternatives: [])]),
            ],
            [
                "turn": 2, "model": "b", "request": ["model": "p/b", "messages": []],
                "response": response(
                    "Lyon", provider: "Three",
                    tokens: [token("Ly", log(0.2), alternatives: []), token("on", log(0.6), alternatives: [])]),
            ],
        ]
        try await store.saveResult(runID: runID, key: "k1", value: .object(conversation))
        var failed = point(index: 2, model: "c", temperature: 0)
        failed["error"] = "no answer"
        try await store.saveResult(runID: runID, key: "k2", value: .object(failed))
        try await store.saveAssertion(runID: runID, key: "a", value: ["passed": true])

        let sql = try database.connect()
        let means = try sql.execute(
            "SELECT model, round(avg(prob)::numeric, 4) FROM result_tokens GROUP BY model ORDER BY model"
        ).rows
        #expect(means == [["a", "0.8000"], ["b", "0.4000"]])

        let runs = try sql.execute(
            "SELECT run_id, count(*) FROM results_flat WHERE session_id = \(sessionID) GROUP BY run_id"
        ).rows
        #expect(runs == [["\(runID)", "3"]])

        let resultID = try #require(
            try sql.execute("SELECT result_id FROM results_flat WHERE key = 'k0'").rows.first?[0])
        let top = try sql.execute(
            """
            SELECT a.token FROM result_tokens t CROSS JOIN jsonb_to_recordset(t.alternatives) AS a(token text, logprob float8) \
            WHERE t.result_id = \(resultID) AND t.turn = 1 AND t.position = 0 ORDER BY a.logprob DESC LIMIT 20
            """
        ).rows.map { $0[0] }
        #expect(top == (0..<20).map { "t\($0)" })

        let turns = try sql.execute(
            "SELECT key, turn, provider, content, (params->>'temperature')::float8 FROM result_turns ORDER BY key, turn"
        ).rows
        #expect(
            turns == [
                ["k0", "1", "One", "Paris", "0.5"], ["k1", "1", "Two", "Hi", "1"], ["k1", "2", "Three", "Lyon", "1"],
            ])
        let flat = try sql.execute(
            "SELECT key, provider, turns, output, first_token, model, error FROM results_flat ORDER BY key"
        ).rows
        #expect(
            flat == [
                ["k0", "One", "1", "Paris", "Paris", "a", nil], ["k1", "Three", "2", "Lyon", "Ly", "b", nil],
                ["k2", nil, nil, nil, nil, "c", "no answer"],
            ], "a point that failed before any answer has no last turn, and no row in result_turns")
    }
}
