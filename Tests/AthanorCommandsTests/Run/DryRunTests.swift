import AthanorCore
import AthanorTestSupport
import Foundation
import Testing

/// `athanor run --dry-run`: every request in full with `--full` or `--format json` (filled
/// messages uncut, every field sent, each turn's model, the URL), the preview uncut when standard
/// output is not a terminal, and a warning for models the model list says cannot return logprobs.
@Suite struct DryRunTests {
    @Test func fullPrintsEveryRequestAsItWouldBePostedToItsServer() async throws {
        let bench = try await Workbench.start()
        let strict = try SimulatorProcess.start(["--strict-openai"])
        defer { strict.stop() }
        let path = try bench.script("mixed.ath", EndpointTests.mixed(endpoint: strict.baseURL.absoluteString))
        let result = try await bench.athanor("run", "--dry-run", "--full", path)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        let local = "local  meta-llama/llama-3.1-8b-instruct  →  POST \(strict.baseURL.absoluteString)/chat/completions"
        let mini = "mini  openai/gpt-4o-mini  →  POST \(bench.simulator.baseURL.absoluteString)/chat/completions"
        #expect(out.components(separatedBy: local).count - 1 == 3, "\(out)")
        #expect(out.components(separatedBy: mini).count - 1 == 3, "\(out)")
        // OpenRouter's dialect carries provider and usage; the plain server gets standard fields only.
        let openRouterParams =
            #"params {"logprobs":true,"max_tokens":3,"provider":{"require_parameters":true},"temperature":0,"top_logprobs":20,"usage":{"include":true}}"#
        let plainParams = #"params {"logprobs":true,"max_tokens":3,"temperature":0,"top_logprobs":20}"#
        #expect(out.components(separatedBy: openRouterParams).count - 1 == 3, "\(out)")
        #expect(out.components(separatedBy: plainParams).count - 1 == 3, "\(out)")
        #expect(out.contains("    user: What is the capital of Peru?"))
        #expect(!out.contains(Workbench.apiKey))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try await strict.stats().chatRequests == 0)
    }

    @Test func jsonDryRunsCarryEveryRequestOfAConversationWithItsTurnsModels() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--dry-run", "--format", "json", "substrate_shift.ath")
        #expect(result.status == 0, "\(result.standardError)")
        let document = try JSONValue.parse(result.standardOutput)
        let plans = (document["events"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == "plan" }
        let plan = try #require(plans.compactMap { $0["plan"] }.first { $0["kind"]?.stringValue == "conversation" })
        let requests = plan["planned_requests"]?.arrayValue ?? []
        #expect(requests.count == plan["requests"]?.intValue, "every request, not a preview")
        #expect(requests.count == 48)
        // A switching conversation's turns go to different models, each named with its request.
        let switched = requests.filter { $0["label"]?.stringValue?.contains("switch_turn=2") == true }
        let conversation = switched.filter { $0["key"] == switched.first?["key"] }
        #expect(conversation.map { $0["turn"]?.intValue } == [1, 2, 3, 4])
        #expect(Set(conversation.compactMap { $0["model_id"]?.stringValue }).count == 2, "\(conversation)")
        let last = try #require(requests.first { $0["turn"]?.intValue == 4 })
        let messages = last["body"]?["messages"]?.arrayValue ?? []
        #expect(messages.count == 8, "system, four questions and three answers to come")
        #expect(messages[2]["content"]?.stringValue == "⟨answer to turn 1⟩")
        #expect(last["url"]?.stringValue == bench.simulator.baseURL.absoluteString + "/chat/completions")
        #expect(last["body"]?["provider"]?["require_parameters"] == .bool(true))
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func aPipedPreviewIsNotCutAtTheTerminalsWidth() async throws {
        let bench = try await Workbench.start()
        let long = String(repeating: "word ", count: 60) + "THE END"
        let path = try bench.script(
            "long.ath",
            "model m = \"openai/gpt-4o-mini\"\nsweep s { models: [m], prompt: \"\(long) {{x}}\", vars: { x: [1] } }\n")
        // Piped, with no COLUMNS to ask for a width (the test bench sets one).
        let result = try await bench.athanor("run", "--dry-run", path, environment: ["COLUMNS": ""])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("user: \(long) 1"), "\(result.standardOutput)")
    }

    @Test func aModelTheListSaysHasNoLogprobsIsWarnedAboutInThePlan() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "flash.ath",
            """
            model flash = "google/gemini-2.5-flash" { max_tokens: 2 }
            model mini  = "openai/gpt-4o-mini" { max_tokens: 2 }
            model other = "nobody/unlisted" { max_tokens: 2 }
            sweep s { models: [flash, mini, other], prompt: "Say {{x}}", vars: { x: [1] } }
            """)
        let warning =
            "warning: the model list says google/gemini-2.5-flash does not support logprobs (its supported_parameters "
            + "lack logprobs or top_logprobs): its requests may fail or come back without token logprobs"
        let dry = try await bench.athanor("run", "--dry-run", path)
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains(warning), "\(dry.standardOutput)")
        #expect(!dry.standardOutput.contains("openai/gpt-4o-mini does not"))
        #expect(!dry.standardOutput.contains("nobody/unlisted does not"), "an unlisted model is unknown: no warning")
        let run = try await bench.athanor("run", path)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let plan = try #require(lines.firstIndex { $0.hasPrefix("sweep s sends 3 requests") }, "\(run.standardOutput)")
        #expect(lines.dropFirst(plan + 1).first == warning, "\(run.standardOutput)")
    }

    @Test func fullWithoutDryRunIsAWrongCommandLine() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--full", "hello.ath")
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("--full goes with --dry-run"), "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }
}
