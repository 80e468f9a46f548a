import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// `athanor mcp` driven as an MCP client drives it: the real binary over pipes, a fresh database,
/// the simulator for OpenRouter.
@Suite struct McpServerTests {
    static let hello = """
        model mini = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 5 }
        ask mini "The capital of France is"
        """

    static let capitals = """
        model mini  = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        model llama = "meta-llama/llama-3.1-8b-instruct" { temperature: 0, max_tokens: 3 }
        prompt capital {
          system "Answer with the name of the city only."
          user   "What is the capital of {{country}}?"
        }
        sweep capitals {
          models: [mini, llama]
          prompt: capital
          vars:   { country: ["France", "Japan", "Peru"] }
        }
        """

    @Test func aClientInitializesListsCallsAndReads() async throws {
        let bench = try await Workbench.start()
        let client = try McpClient(bench: bench)

        let initialized = try await client.request(
            "initialize",
            [
                "protocolVersion": "2025-11-25", "capabilities": [:],
                "clientInfo": ["name": "test-client", "version": "1.0"],
            ])
        let server = try #require(initialized["result"])
        #expect(server["protocolVersion"]?.stringValue == "2025-11-25")
        #expect(server["serverInfo"]?["name"]?.stringValue == "athanor")
        #expect(server["capabilities"]?["tools"] != nil)
        #expect(server["capabilities"]?["resources"] != nil)
        try client.notify("notifications/initialized")

        let listed = try await client.request("tools/list")
        let tools = listed["result"]?["tools"]?.arrayValue ?? []
        #expect(
            Set(tools.compactMap { $0["name"]?.stringValue })
                == ["list_runs", "show_run", "run_tokens", "run_logs", "run_script", "cancel_run"])
        let runScript = try #require(tools.first { $0["name"]?.stringValue == "run_script" })
        #expect(runScript["inputSchema"]?["properties"]?["dry_run"]?["default"]?.boolValue == true)
        #expect(runScript["inputSchema"]?["required"] == ["script"])

        // A dry run by default: the plan and its cost, nothing sent or stored.
        let dry = try await client.call("run_script", ["script": .string(Self.capitals)])
        #expect(dry["isError"] == nil, "\(dry.text)")
        let plan = try #require(dry["structuredContent"])
        #expect(plan["dry_run"]?.boolValue == true)
        #expect(plan["sent"]?.boolValue == false)
        #expect(plan["requests"]?.intValue == 6)
        #expect((plan["cost"]?["usd_at_most"]?.doubleValue ?? 0) > 0)
        #expect(plan["plan_text"]?.stringValue?.contains("sweep capitals would send 6 requests") == true)
        #expect(plan["plan_text"]?.stringValue?.contains("… and 1 more points") == true, "5 points previewed")
        #expect(plan["plans"]?.arrayValue?.first?["preview"]?.arrayValue?.count == 5)
        #expect(plan["note"]?.stringValue?.contains("dry_run false") == true)
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "0")
        #expect(try JSONValue.parse(dry.text) == plan, "the text content is the same document")

        // A real run only when asked: its plan and cost first, then its run and status.
        let real = try await client.call("run_script", ["script": .string(Self.capitals), "dry_run": false])
        #expect(real["isError"] == nil, "\(real.text)")
        let ran = try #require(real["structuredContent"])
        #expect(ran["dry_run"]?.boolValue == false)
        #expect(ran["requests"]?.intValue == 6)
        #expect(ran["cost"]?["text"]?.stringValue?.hasPrefix("≈ $") == true)
        #expect(ran["status"]?.stringValue == "completed")
        let runID = try #require(ran["run_ids"]?.arrayValue?.first?.intValue)
        #expect(ran["output"]?.stringValue?.contains("run \(runID) completed · 6 points") == true)
        #expect(try await bench.simulator.stats().chatRequests == 6)
        #expect(try bench.scalar("select status from experiment_runs where id = \(runID)") == "completed")

        let runs = try await client.call("list_runs", ["status": "completed"])
        let listedRuns = runs["structuredContent"]?["runs"]?.arrayValue ?? []
        #expect(listedRuns.count == 1)
        #expect(listedRuns.first?["id"]?.intValue == runID)
        #expect(listedRuns.first?["totals"]?["points"]?.intValue == 6)

        // Results page by page, in plan order.
        let first = try await client.call("show_run", ["run": .number(Double(runID)), "page_size": 4])
        let firstPage = try #require(first["structuredContent"])
        #expect(firstPage["status"]?.stringValue == "completed")
        #expect(firstPage["totals"]?["requests"]?.intValue == 6)
        #expect(firstPage["results"]?.arrayValue?.compactMap { $0["point"]?.intValue } == [0, 1, 2, 3])
        #expect(firstPage["results"]?.arrayValue?.first?["output"]?.stringValue == "Paris")
        let cursor = try #require(firstPage["next_cursor"]?.stringValue)
        let second = try await client.call(
            "show_run", ["run": .number(Double(runID)), "page_size": 4, "cursor": .string(cursor)])
        #expect(second["structuredContent"]?["results"]?.arrayValue?.compactMap { $0["point"]?.intValue } == [4, 5])
        #expect(second["structuredContent"]?["next_cursor"] == .null)

        let tokens = try await client.call("run_tokens", ["run": .number(Double(runID)), "point": 0, "top": 3])
        let answer = try #require(tokens["structuredContent"])
        #expect(answer["label"]?.stringValue == "model=mini;country=France")
        let firstToken = try #require(answer["tokens"]?.arrayValue?.first)
        #expect(firstToken["token"]?.stringValue == "Paris")
        #expect(firstToken["alternatives"]?.arrayValue?.count == 3)
        #expect((firstToken["probability"]?.doubleValue ?? 0) > 0.5)

        let logs = try await client.call("run_logs", ["run": .number(Double(runID))])
        let messages = logs["structuredContent"]?["logs"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages.contains { $0.hasPrefix("run completed") }, "\(messages)")

        let resources = try await client.request("resources/list")
        let uris = resources["result"]?["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        #expect(uris == ["athanor://run/\(runID)"])
        let read = try await client.request("resources/read", ["uri": .string("athanor://run/\(runID)")])
        let contents = try #require(read["result"]?["contents"]?.arrayValue?.first)
        #expect(contents["mimeType"]?.stringValue == "application/json")
        let document = try JSONValue.parse(contents["text"]?.stringValue ?? "")
        #expect(document["id"]?.intValue == runID)
        #expect(document["results"]?.arrayValue?.count == 6)

        // What is wrong is said in a sentence: a bad argument and a failed call are tool errors
        // the model can read; an unknown tool or resource is a JSON-RPC error.
        let badArgument = try await client.call("show_run", ["run": "one"])
        #expect(badArgument["isError"]?.boolValue == true)
        #expect(badArgument.text == "show_run: 'run' must be a whole number, not the string \"one\"")
        let unknownArgument = try await client.call("list_runs", ["limits": 3])
        #expect(unknownArgument.text == "list_runs has no argument 'limits'; it takes limit, session, status")
        let noRun = try await client.call("run_tokens", ["run": 99, "point": 0])
        #expect(noRun.text == "there is no run 99; list_runs lists them")
        let wrongScript = try await client.call("run_script", ["script": "ask nobody \"hi\"", "dry_run": false])
        #expect(wrongScript["isError"]?.boolValue == true)
        #expect(wrongScript.text.contains("unknown variable 'nobody'"), "\(wrongScript.text)")
        #expect(wrongScript.text.contains("nothing was sent"))
        let unknownTool = try await client.call("delete_everything")
        #expect(unknownTool["error"]?["code"]?.intValue == -32602)
        #expect(unknownTool["error"]?["message"]?.stringValue?.contains("there is no tool 'delete_everything'") == true)
        let missing = try await client.request("resources/read", ["uri": "athanor://run/999"])
        #expect(missing["error"]?["code"]?.intValue == -32002)
        #expect(missing["error"]?["message"]?.stringValue?.contains("there is no run 999") == true)
        let notJSON = try await client.request("resources/read", ["uri": "file:///etc/passwd"])
        #expect(notJSON["error"]?["code"]?.intValue == -32602)

        #expect(try await client.close() == 0)
        #expect(try await bench.simulator.stats().chatRequests == 6, "only the one real run sent requests")
        #expect(!client.transcript.contains(Workbench.apiKey), "the API key never appears")
        #expect(!client.transcript.contains("sk-or-v1"))
    }

    /// Each answer takes 2 s and the sweep sends one at a time: 12 s, far longer than a cancel
    /// takes even on a loaded machine.
    @Test func cancelRunStopsARunThisServerStartedAndSaysWhyItCannotStopAnother() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "2000"])
        let client = try McpClient(bench: bench)
        let initialized = try await client.initialize(version: "2025-06-18")
        #expect(initialized["result"]?["protocolVersion"]?.stringValue == "2025-06-18", "an older client's version")

        let started = try await client.call(
            "run_script", ["script": .string(Self.capitals), "dry_run": false, "wait": false, "concurrency": 1])
        let running = try #require(started["structuredContent"], "\(started.text)")
        #expect(running["status"]?.stringValue == "running")
        let runID = try #require(running["run_ids"]?.arrayValue?.first?.intValue)

        let cancelled = try await client.call("cancel_run", ["run": .number(Double(runID))])
        #expect(cancelled["structuredContent"]?["cancelled"]?.boolValue == true, "\(cancelled.text)")
        #expect(cancelled["structuredContent"]?["status"]?.stringValue == "cancelled")
        #expect(try bench.scalar("select status from experiment_runs where id = \(runID)") == "cancelled")
        #expect(try await bench.simulator.stats().chatRequests < 6)
        let again = try await client.call("cancel_run", ["run": .number(Double(runID))])
        #expect(again.text == "run \(runID) is cancelled already; there is nothing to cancel")

        // A run another process runs is stopped there, not from here.
        let path = try bench.script("slow.ath", Self.capitals)
        let other = try bench.launch("run", "--concurrency", "1", path)
        defer { if other.isRunning { other.terminate() } }
        let otherID = try await waitForRun(after: runID, in: bench)
        let refused = try await client.call("cancel_run", ["run": .number(Double(otherID))])
        #expect(refused["isError"]?.boolValue == true)
        #expect(refused.text.contains("run \(otherID) is run by another process"), "\(refused.text)")
        #expect(try bench.scalar("select status from experiment_runs where id = \(otherID)") == "running")

        #expect(try await client.close() == 0)
        #expect(!client.transcript.contains(Workbench.apiKey))
    }

    @Test func aClientThatCancelsItsRunScriptCallCancelsTheScript() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "2000"])
        let client = try McpClient(bench: bench)
        _ = try await client.initialize()
        let call = try client.start(
            "tools/call",
            [
                "name": "run_script",
                "arguments": ["script": .string(Self.capitals), "dry_run": false, "concurrency": 1],
            ])
        let runID = try await waitForRun(after: 0, in: bench)
        try client.notify(
            "notifications/cancelled", ["requestId": .number(Double(call)), "reason": "the user stopped it"])
        try await waitUntil {
            try bench.scalar("select status from experiment_runs where id = \(runID)") == "cancelled"
        }
        #expect(try await bench.simulator.stats().chatRequests < 6)
        #expect(try await client.close() == 0)
        #expect(!client.hasAnswered(call), "a cancelled request gets no answer, as the protocol says")
    }

    @Test func aClientThatQuitsStopsTheScriptsItStarted() async throws {
        let bench = try await Workbench.start(simulator: ["--latency-ms", "2000"])
        let client = try McpClient(bench: bench)
        _ = try await client.initialize()
        let started = try await client.call(
            "run_script", ["script": .string(Self.capitals), "dry_run": false, "wait": false, "concurrency": 1])
        let runID = try #require(started["structuredContent"]?["run_ids"]?.arrayValue?.first?.intValue)
        let runless = try await client.call("run_script", ["script": "let x = 1", "dry_run": false, "wait": false])
        #expect(
            runless["structuredContent"]?["status"]?.stringValue == "completed", "a script without runs ends at once")
        #expect(runless["structuredContent"]?["run_ids"] == [])
        #expect(try await client.close() == 0)
        #expect(try bench.scalar("select status from experiment_runs where id = \(runID)") == "cancelled")
        #expect(
            try bench.scalar(
                "select s.status from sessions s join experiment_runs r on r.session_id = s.id where r.id = \(runID)")
                == "cancelled")
    }

    @Test func aDatabaseThatIsDownIsSaidInASentenceWithoutItsPassword() async throws {
        let bench = try await Workbench.start()
        let client = try McpClient(
            bench: bench, environment: ["DATABASE_URL": "postgresql://alice:hunter2-secret@127.0.0.1:1/athanor"])
        _ = try await client.initialize()
        let runs = try await client.call("list_runs")
        #expect(runs["isError"]?.boolValue == true)
        #expect(runs.text.hasPrefix("the database failed: "), "\(runs.text)")
        let resources = try await client.request("resources/list")
        #expect(resources["error"]?["message"]?.stringValue?.contains("the database failed") == true)
        let script = try await client.call("run_script", ["script": .string(Self.hello)])
        #expect(script.text.hasPrefix("the database failed: "), "\(script.text)")
        #expect(try await client.close() == 0)
        #expect(!client.transcript.contains("hunter2-secret"))
        #expect(!client.transcript.contains(Workbench.apiKey))
    }

    /// The id of the first run stored after `id`, once it is running.
    private func waitForRun(after id: Int, in bench: Workbench) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let found = try bench.scalar("select min(id) from experiment_runs where id > \(id)"),
                let next = Int(found)
            {
                return next
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw McpClient.NoAnswer(method: "a run by another process", transcript: "")
    }
}
