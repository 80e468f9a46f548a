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
}
