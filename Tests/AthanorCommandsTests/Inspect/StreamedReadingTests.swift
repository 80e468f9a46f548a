import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

/// `show` and `export` read a run's results a page at a time: their memory does not grow with the
/// run. Runs are made by SQL in the stored format (8 tokens with 5 alternatives each), and the real
/// binary's peak resident memory is measured (`VmHWM`) while its output is counted, not kept.
///
/// 10,000 points keep the test near half a minute in a debug build (decoding a result is most of
/// it); 50,000 and 200,000 points were measured by hand at about the same peak (≈ 50–65 MB).
@Suite(.serialized) struct StreamedReadingTests {
    static let limit = 100 << 20

    @Test func exportAndShowOfALargeRunStayInFlatMemory() async throws {
        var peaks: [Int: [String: Int]] = [:]
        for points in [1_000, 10_000] {
            let database = try await TemporaryDatabase.create()
            defer { try? database.drop() }
            try Self.storeRun(points: points, in: database)
            let environment = ["DATABASE_URL": database.url, "NO_COLOR": "1", "HOME": NSTemporaryDirectory()]

            let csv = try await MeasuredProcess.run(["export", "1"], environment: environment)
            #expect(csv.status == 0, "\(csv.standardError)")
            #expect(csv.outputLines == points + 1, "a header and one line per point")
            #expect(csv.standardOutput.hasPrefix("run_id,key,label,model,model_id,repeat,n,word,temperature,"))
            #expect(csv.standardOutput.contains("\n1,cfcd208495d565ef66e7dff9f98764da,model=mini;n=0,"), "plan order")
            #expect(csv.tail.contains(",model=mini;n=\(points - 1),"), "the last point comes last")

            let tokens = try await MeasuredProcess.run(
                ["export", "1", "--format", "jsonl", "--per", "token"], environment: environment)
            #expect(tokens.status == 0, "\(tokens.standardError)")
            #expect(tokens.outputLines == points * 8, "one line per token")

            let json = try await MeasuredProcess.run(["show", "1", "--format", "json"], environment: environment)
            #expect(json.status == 0, "\(json.standardError)")
            #expect(json.standardOutput.hasPrefix("{\"cell_id\":"))
            #expect(json.tail.contains("\"status\":\"completed\",\"totals\":{"), "the members in name order")
            #expect(json.tail.hasSuffix("\"without_logprobs\":0}}\n"))
            #expect(json.outputLines == 1)

            let show = try await MeasuredProcess.run(["show", "1"], environment: environment)
            #expect(show.status == 0, "\(show.standardError)")
            #expect(show.tail.contains("… and \(points - 100) more points"))

            let measured = [
                "export csv": csv, "export jsonl per token": tokens, "show json": json, "show": show,
            ]
            for (command, process) in measured {
                // A peak never read is 0, and the next size would look as if it grew by all of it.
                #expect(process.residentReadings > 0, "\(command) of \(points) points: its memory was read")
            }
            peaks[points] = measured.mapValues(\.maximumResidentBytes)
            for (command, peak) in peaks[points]! {
                #expect(peak < Self.limit, "\(command) of \(points) points peaked at \(peak >> 20) MB")
            }
        }
        // Ten times the points, about the same memory: nothing grows with the run (reading all of
        // them at once took ≈ 75 KB a point with 20 alternatives a token).
        for (command, small) in peaks[1_000] ?? [:] {
            let large = peaks[10_000]?[command] ?? .max
            #expect(
                large - small < 16 << 20, "\(command): \(small >> 20) MB at 1,000 points, \(large >> 20) MB at 10,000")
        }
    }

    /// A completed run 1 of `points` points, stored in an order other than the plan's (as concurrent
    /// requests store them), each result in the stored format with 8 tokens of 5 alternatives.
    static func storeRun(points: Int, in database: TemporaryDatabase) throws {
        let connection = try database.connect()
        try Migrator().migrate(connection)
        try connection.executeScript(
            """
            INSERT INTO experiment_instances (name, definition) VALUES ('big', '{"kind": "sweep"}');
            INSERT INTO experiment_runs (instance_id, status, started_at, completed_at)
            VALUES (1, 'completed', now(), now());
            WITH tokens AS (
                SELECT jsonb_agg(jsonb_build_object('token', ' t' || t, 'logprob', -0.1 * t, 'top_logprobs',
                           (SELECT jsonb_agg(jsonb_build_object('token', ' a' || a, 'logprob', -0.1 * t - 0.5 * a)
                                             ORDER BY a)
                            FROM generate_series(0, 4) a)) ORDER BY t) AS content
                FROM generate_series(1, 8) t
            )
            INSERT INTO run_results (run_id, key, point_index, value, requests, answered_turns, prompt_tokens,
                                     completion_tokens, cost, latency_ms)
            SELECT 1, md5(i::text), i, jsonb_build_object(
                'index', i, 'label', 'model=mini;n=' || i, 'model', 'mini', 'model_id', 'openai/gpt-4o-mini',
                'vars', jsonb_build_object('n', i, 'word', 'w' || (i % 7)),
                'params', jsonb_build_object('temperature', 0, 'max_tokens', 8, 'top_logprobs', 5),
                'repeat', 0, 'error', NULL, 'output', ' t1 t2 t3 t4 t5 t6 t7 t8',
                'request', jsonb_build_object('model', 'openai/gpt-4o-mini',
                    'messages', jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Say ' || i))),
                'response', jsonb_build_object('id', 'gen-' || i, 'model', 'openai/gpt-4o-mini',
                    'provider', 'OpenAI', 'content', ' t1 t2 t3 t4 t5 t6 t7 t8', 'finish_reason', 'stop',
                    'logprobs', jsonb_build_object('content', tokens.content),
                    'usage', jsonb_build_object('prompt_tokens', 10, 'completion_tokens', 8, 'total_tokens', 18,
                                                'cost', 0.00001),
                    'latency_ms', 120.5)),
                1, 1, 10, 8, 0.00001, 120.5
            FROM generate_series(0, \(points) - 1) g, tokens,
                 LATERAL (SELECT (g::bigint * 7919) % \(points) AS i) shuffled;
            """)
    }
}
