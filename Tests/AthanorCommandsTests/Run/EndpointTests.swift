import AthanorTestSupport
import Foundation
import Testing

/// `OPENAI_BASE_URL`: the real `athanor` against a strict OpenAI-compatible server
/// (`athanor-sim --strict-openai`) with no key, OpenRouter's dialect refused by it, and the
/// response cache keyed by endpoint.
@Suite struct EndpointTests {
    static let sweep = """
        model mini  = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        model llama = "meta-llama/llama-3.1-8b-instruct" { temperature: 0, max_tokens: 3 }
        sweep capitals {
          models: [mini, llama]
          prompt: "What is the capital of {{country}}?"
          vars:   { country: ["France", "Japan", "Peru"] }
        }
        show capitals: model, country, output
        """

    /// The workbench's environment with the plain dialect at `url` in place of OpenRouter's.
    private func plain(_ bench: Workbench, url: String) -> [String: String] {
        var environment = bench.environment
        environment["OPENROUTER_BASE_URL"] = nil
        environment["OPENROUTER_API_KEY"] = nil
        environment["OPENAI_BASE_URL"] = url
        return environment
    }

    @Test func aSweepRunsAgainstAStrictServerWithoutAKey() async throws {
        let bench = try await Workbench.start(simulator: ["--strict-openai"])
        let path = try bench.script("capitals.ath", Self.sweep)
        let result = try await AthanorProcess.run(
            ["run", path], environment: plain(bench, url: bench.simulator.baseURL.absoluteString))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 6)
        #expect(try bench.scalar("select count(*) from run_results where kind = 'point' and not failed") == "6")
        #expect(try bench.scalar("select count(*) from run_results where failed") == "0")
    }

    @Test func openRoutersDialectIsRefusedByTheStrictServerNamingIt() async throws {
        let bench = try await Workbench.start(simulator: ["--strict-openai"])
        let path = try bench.script("capitals.ath", Self.sweep)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 3, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "OpenRouter rejected the request as invalid (400): Unrecognized request argument supplied: provider, usage"
            ), "\(result.standardError)")
    }

    @Test func aPlainServersErrorsNameItsBaseURL() async throws {
        let bench = try await Workbench.start(simulator: ["--strict-openai"])
        let path = try bench.script("hello.ath", "model m = \"openai/gpt-4o-mini\"\nask m \"Hello\"\n")
        let result = try await AthanorProcess.run(
            ["run", path], environment: plain(bench, url: "http://127.0.0.1:9/v1"))
        #expect(result.status == 3, "\(result.standardError)")
        #expect(result.standardError.contains("Could not connect to the server at http://127.0.0.1:9/v1"))
        #expect(!result.standardError.contains("OpenRouter"), "\(result.standardError)")
    }

    @Test func anAnswerCachedFromOneServerIsNotServedForAnother() async throws {
        let bench = try await Workbench.start()
        let other = try SimulatorProcess.start()
        defer { other.stop() }
        let first = try await bench.athanor("run", "--cache", "hello.ath")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 1)

        let elsewhere = try await bench.athanor(
            "run", "--cache", "hello.ath", environment: ["OPENROUTER_BASE_URL": other.baseURL.absoluteString])
        #expect(elsewhere.status == 0, "\(elsewhere.standardError)")
        #expect(try await other.stats().chatRequests == 1, "server B is asked, not answered from A's cache")

        var sameServerPlainDialect = plain(bench, url: bench.simulator.baseURL.absoluteString)
        sameServerPlainDialect["OPENAI_API_KEY"] = Workbench.apiKey
        let otherDialect = try await AthanorProcess.run(
            ["run", "--cache", "hello.ath"], environment: sameServerPlainDialect,
            directory: BuiltProduct.packageRoot.appendingPathComponent("Examples"))
        #expect(otherDialect.status == 0, "\(otherDialect.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 2, "another dialect is another endpoint")

        let again = try await bench.athanor("run", "--cache", "hello.ath")
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 2, "server A's own answer is still cached")
        #expect(try bench.scalar("select count(*) from response_cache") == "3")
    }

    /// One sweep over a model on OpenRouter's dialect and a model with its own `endpoint:`.
    static func mixed(endpoint: String) -> String {
        """
        model mini  = "openai/gpt-4o-mini" { temperature: 0, max_tokens: 3 }
        model local = "meta-llama/llama-3.1-8b-instruct" { temperature: 0, max_tokens: 3, endpoint: "\(endpoint)/" }
        sweep capitals {
          models: [mini, local]
          prompt: "What is the capital of {{country}}?"
          vars:   { country: ["France", "Japan", "Peru"] }
        }
        show capitals: model, country, output
        """
    }

    @Test func oneSweepComparesOpenRouterWithAModelsOwnEndpoint() async throws {
        let bench = try await Workbench.start()
        let strict = try SimulatorProcess.start(["--strict-openai"])
        defer { strict.stop() }
        let path = try bench.script("mixed.ath", Self.mixed(endpoint: strict.baseURL.absoluteString))
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 3)
        #expect(try await strict.stats().chatRequests == 3, "the strict server took only standard fields, no key")
        #expect(try bench.scalar("select count(*) from run_results where kind = 'point' and not failed") == "6")
        // The stored plan names the endpoint (so resume sends there), never a key.
        let plan = try bench.scalar("select plan::text from experiment_runs") ?? ""
        #expect(plan.contains(strict.baseURL.absoluteString), "\(plan)")
        let stored = try bench.scalar(
            "select count(*) from run_results where value::text like '%\(strict.baseURL.absoluteString)%'")
        #expect(stored == "3")
        let everything =
            try bench.scalar(
                "select string_agg(t::text, '') from (select plan::text as t from experiment_runs union all "
                    + "select value::text from run_results union all select request from run_points) x") ?? ""
        #expect(!everything.contains(Workbench.apiKey))
    }

    @Test func aModelsEndpointThatDoesNotAnswerIsNamedInItsPointsErrors() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("mixed.ath", Self.mixed(endpoint: "http://127.0.0.1:9/v1"))
        let result = try await bench.athanor("run", path)
        #expect(result.status == 3, "\(result.standardError)")
        #expect(try bench.scalar("select count(*) from run_results where kind = 'point' and not failed") == "3")
        let error = try bench.scalar("select min(value->>'error') from run_results where failed") ?? ""
        #expect(error.contains("Could not connect to the server at http://127.0.0.1:9/v1"), "\(error)")
    }

    @Test func aBadEndpointIsALocatedErrorBeforeAnythingIsSent() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("bad.ath", Self.mixed(endpoint: "ftp://127.0.0.1:8000"))
        let result = try await bench.athanor("run", path)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            result.standardError.contains("bad.ath:2:93: error: 'endpoint' must start with http:// or https://"),
            "\(result.standardError)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func aModelOnItsOwnEndpointIsPricedFromThatServersListOnly() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("mixed.ath", Self.mixed(endpoint: "http://127.0.0.1:9/v1"))
        let result = try await bench.athanor("run", "--dry-run", path)
        #expect(result.status == 0, "\(result.standardError)")
        // OpenRouter's list prices llama, but the request goes to a server that lists nothing.
        #expect(
            result.standardOutput.contains(
                "; cost unknown for meta-llama/llama-3.1-8b-instruct @ http://127.0.0.1:9/v1"),
            "\(result.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func aScriptWhoseModelsAllNameAnEndpointNeedsNoOpenRouterKey() async throws {
        let bench = try await Workbench.start(simulator: ["--strict-openai"])
        let path = try bench.script(
            "local.ath",
            """
            model local = "meta-llama/llama-3.1-8b-instruct" { max_tokens: 3, endpoint: "\(bench.simulator.baseURL.absoluteString)" }
            ask local "The capital of France is"
            """)
        var environment = bench.environment
        environment["OPENROUTER_API_KEY"] = nil
        environment["OPENROUTER_BASE_URL"] = nil
        let result = try await AthanorProcess.run(["run", path], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("meta-llama/llama-3.1-8b-instruct"), "\(result.standardOutput)")
        #expect(try await bench.simulator.stats().chatRequests == 1)
    }

    @Test func resumeSendsTheRestToTheModelsOwnEndpoint() async throws {
        let bench = try await Workbench.start()
        let strict = try SimulatorProcess.start(["--strict-openai", "--latency-ms", "300"])
        defer { strict.stop() }
        let path = try bench.script(
            "s.ath",
            """
            model local = "openai/gpt-4o-mini" { max_tokens: 2, endpoint: "\(strict.baseURL.absoluteString)" }
            sweep s { models: [local], prompt: "Say {{k}}", vars: { k: range(0, 20) }, concurrency: 4 }
            """)
        let process = try bench.launch("run", path)
        try await bench.waitForResults(atLeast: 4)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(try bench.scalar("select status from experiment_runs") == "cancelled")
        let stored = Int(try bench.scalar("select count(*) from run_results") ?? "") ?? -1
        let sentBefore = try await strict.stats().chatRequests

        // Its only model names its endpoint: resuming it needs no OpenRouter key.
        let resumed = try await bench.athanor("resume", "1", environment: ["OPENROUTER_API_KEY": ""])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try await strict.stats().chatRequests - sentBefore == 20 - stored)
        #expect(try await bench.simulator.stats().chatRequests == 0, "nothing went to OpenRouter's server")
        #expect(try bench.scalar("select count(*) from run_results where not failed") == "20")
    }
}
