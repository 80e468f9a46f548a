import AthanorTestSupport
import Foundation
import Testing

/// What users see when things go wrong, and the exit statuses CI reads.
@Suite struct FailureTests {
    @Test func aMisspeltTemplateVariableStopsTheScriptBeforeAnyRequest() async throws {
        let bench = try await Workbench.start()
        let text = try String(
            contentsOf: BuiltProduct.packageRoot.appendingPathComponent("Examples/capitals.ath"), encoding: .utf8
        )
        .replacingOccurrences(of: "{{country}}", with: "{{contry}}")
        let path = try bench.script("capitals.ath", text)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 2)
        // The first use of the prompt, `capital(country: "France")`, no longer matches its template.
        #expect(
            result.standardError.contains(
                "capitals.ath:15:27: error: prompt 'capital' has no placeholder '{{country}}' for this argument"),
            "\(result.standardError)")
        #expect(result.standardError.contains("did you mean 'contry'?"))
        #expect(result.standardError.contains("^~~~~~~"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "0")
    }

    @Test func aPromptArgumentNoPlaceholderUsesStopsTheScriptBeforeAnyRequest() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "unused.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            prompt capital = "What is the capital of {{country}}?"
            let country = "France"
            ask mini capital(contry: "Peru")
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "unused.ath:4:18: error: prompt 'capital' has no placeholder '{{contry}}' for this argument"),
            "\(result.standardError)")
        #expect(result.standardError.contains("did you mean 'country'?"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
    }

    @Test func syntaxErrorsAreAllReportedWithTheirPlaces() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("broken.ath", "let a = 1 +\nsweep s { mdoels: [m] }\nshow a b c\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status == 2)
        let errors = result.standardError.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 3, "\(result.standardError)")
        #expect(result.standardError.contains("broken.ath:2:11: error: unknown sweep key 'mdoels'"))
        #expect(result.standardError.contains("broken.ath:3:8"))
    }

    @Test func dryRunPlansEverythingAndSendsNothing() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "--dry-run", "calibration.ath")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("sweep calib would send 16 requests"))
        #expect(try await bench.simulator.stats().chatRequests == 0)
        #expect(try bench.scalar("select count(*) from experiment_runs") == "0")
    }

    @Test func aFailedAssertionExitsOneButLaterCellsStillRun() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "strict.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            sweep s { models: [mini], prompt: "What is the capital of {{country}}?", vars: { country: ["France", "Peru"] } }
            assert s: prob("Paris") > 0.5 "only France is Paris"
            show s: country, output
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.contains("✗ failed"))
        #expect(result.standardOutput.contains("1 of 2 held"))
        #expect(result.standardOutput.contains("only France is Paris"))
        #expect(result.standardOutput.contains("country=Peru"))
        #expect(result.standardOutput.contains("Lima"), "the show after the failed assert ran")
        let stored = try bench.query(
            "select value->>'passed', value->>'failed', value->>'holds' from run_results where kind = 'assertion'")
        #expect(stored == [["1", "1", "false"]])
    }

    @Test func anAssertionWhoseConditionRaisesShowsItsFirstErrorsWithTheirRows() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "raising.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            sweep s { models: [mini], prompt: "Capital of {{country}}?", vars: { country: ["France", "Peru", "Japan", "Chile"] } }
            assert s: json(output) == "Lima"
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.contains("4 raised an error"))
        let shown = result.standardOutput.components(separatedBy: "\n").filter { $0.contains("error at ") }
        #expect(shown.count == 3, "\(result.standardOutput)")
        #expect(shown.first?.contains("error at model=mini;country=France: json() could not read") == true)
        #expect(result.standardOutput.contains("and 1 more"))
        let stored = try bench.query(
            "select jsonb_array_length(value->'first_errors'), value->'first_errors'->1->>'point' from run_results where kind = 'assertion'"
        )
        #expect(stored == [["3", "model=mini;country=Peru"]])
    }

    @Test func aModelWithoutLogprobsFailsLoudlyWithExitThree() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("gemini.ath", "model g = \"google/gemini-2.5-flash\"\nask g \"Hello\"\nshow _\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status == 3)
        #expect(result.standardError.contains("cell 2"))
        #expect(result.standardError.lowercased().contains("logprobs"))
        #expect(try bench.query("select status from experiment_runs") == [["failed"]])
        let errors = try bench.query("select message from run_logs where level = 'error' order by id").compactMap {
            $0.first ?? nil
        }
        #expect(errors.first?.contains("model=g") == true)
        #expect(errors.last?.contains("run failed") == true)
    }

    @Test func pointsThatFailAfterTheirRetriesMakeTheBatchExitThreeWithACount() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "half.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 2 }
            model g = "google/gemini-2.5-flash"
            sweep both {
              models: [mini, g]
              prompt: "Say {{word}}"
              vars: { word: ["yes", "no"] }
            }
            # %% Later cells still run
            show both: model, output
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 3, "\(result.standardError)")
        #expect(result.standardError.contains("2 of 4 points of run 1 failed after retries"))
        #expect(result.standardError.contains("athanor resume 1 --failed"))
        #expect(result.standardOutput.contains("gpt-4o-mini") || result.standardOutput.contains("mini"))
        #expect(try bench.query("select status from experiment_runs") == [["completed"]])
    }

    @Test func aMissingKeyIsAClearErrorBeforeAnyRequest() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", "hello.ath", environment: ["OPENROUTER_API_KEY": ""])
        #expect(result.status == 3)
        #expect(result.standardError.contains("OPENROUTER_API_KEY"))
        #expect(try await bench.simulator.stats().requests == 0)
    }

    @Test func answersWithoutLogprobsAreShownAsSuchNeverAsZeros() async throws {
        let bench = try await Workbench.start(simulator: ["--fault-rate", "no-logprobs=1"])
        let path = try bench.script(
            "nolog.ath",
            """
            model mini = "openai/gpt-4o-mini" { max_tokens: 3 }
            ask mini "What is the capital of France?"
            show _: output, prob("Paris")
            """)
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("no logprobs from Simulator"))
        #expect(result.standardOutput.contains("error: prob(): no logprobs"))
        // Stored as an answer, counted as one without logprobs, and said in the run's summary.
        #expect(result.standardOutput.contains("1 answered without logprobs"), "\(result.standardOutput)")
        #expect(try bench.scalar("select without_logprobs from run_results") == "t")
        #expect(try bench.scalar("select without_logprobs from run_totals") == "1")
        #expect(try bench.scalar("select metadata->'totals'->>'without_logprobs' from experiment_runs") == "1")
        let shown = try await bench.athanor("show", "1")
        #expect(shown.standardOutput.contains("1 answered without logprobs"), "\(shown.standardOutput)")
        #expect(
            try bench.scalar(
                "select value->'response'->'logprobs' is null or value->'response'->>'logprobs' is null from run_results"
            ) == "t")
    }

    @Test func anAbsurdRequestTimeoutIsSaidAndReplacedNotACrash() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor(
            "run", "hello.ath", environment: ["ATHANOR_REQUEST_TIMEOUT": "1e16"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("ATHANOR_REQUEST_TIMEOUT=1e16 is not a number of seconds"))
    }

    @Test func varOverridesALetAndRejectsUnknownNames() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("var.ath", "let country = \"France\"\nlet n = 1\ncountry\nn + 1\n")
        let result = try await bench.athanor("run", path, "--var", "country=Peru", "--var", "n=41")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "\"Peru\"\n42\n")
        let unknown = try await bench.athanor("run", path, "--var", "contry=Peru")
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("did you mean 'country'?"))
    }
}

/// Token text that is not clean text must not break storage (SPEC §6).
@Suite struct OddTokenTests {
    @Test func aNulInsideATokenIsStoredAndShown() async throws {
        let bench = try await Workbench.start()
        let scenario = bench.home.appendingPathComponent("nul.json")
        try #"{"rules": [{"match": "odd", "answer": "a\u0000b ✓ 東京", "confidence": 0.9}]}"#.write(
            to: scenario, atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess.start(["--scenario", scenario.path])
        let path = try bench.script(
            "odd.ath", "model m = \"openai/gpt-4o-mini\" { max_tokens: 8 }\nask m \"say something odd\"\n")
        let result = try await bench.athanor(
            "run", path, environment: ["OPENROUTER_BASE_URL": simulator.baseURL.absoluteString])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("東京"))
        #expect(try bench.scalar("select status from experiment_runs") == "completed")
        let nul = try bench.query(
            "select value->'response'->'logprobs'->'content'->1->>'token', value->'response'->'logprobs'->'content'->1->>'bytes' from run_results"
        )
        #expect(nul == [["\u{FFFD}", "[0]"]], "the token text is storable; its raw bytes keep the NUL")
    }
}
