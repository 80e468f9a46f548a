import AthanorCore
import OpenRouter
import Testing

@Suite struct OpenRouterConfigurationTests {
    @Test func defaults() {
        let configuration = OpenRouterConfiguration.fromEnvironment([:])
        #expect(configuration.baseURL == "https://openrouter.ai/api/v1")
        #expect(configuration.apiKey == nil)
        #expect(configuration.requireParameters)
        #expect(configuration.requestTimeout == .seconds(120))
    }

    @Test func readsTheEnvironment() {
        let configuration = OpenRouterConfiguration.fromEnvironment([
            "OPENROUTER_BASE_URL": "http://127.0.0.1:8080/v1/", "OPENROUTER_API_KEY": "sk-1",
            "ATHANOR_REQUEST_TIMEOUT": "2.5",
        ])
        #expect(configuration.baseURL == "http://127.0.0.1:8080/v1")
        #expect(configuration.apiKey == APIKey("sk-1"))
        #expect(configuration.requestTimeout == .milliseconds(2500))
    }

    @Test func unusableValuesFallBack() {
        let configuration = OpenRouterConfiguration.fromEnvironment([
            "OPENROUTER_BASE_URL": " ", "OPENROUTER_API_KEY": "", "ATHANOR_REQUEST_TIMEOUT": "soon",
        ])
        #expect(configuration.baseURL == "https://openrouter.ai/api/v1")
        #expect(configuration.apiKey == nil)
        #expect(configuration.requestTimeout == .seconds(120))
    }

    @Test func openAIBaseURLSelectsThePlainDialectWithItsOwnKey() {
        let keyless = OpenRouterConfiguration.fromEnvironment([
            "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1/", "OPENROUTER_API_KEY": "sk-or-secret",
        ])
        #expect(keyless.dialect == .openAI)
        #expect(keyless.baseURL == "http://127.0.0.1:8000/v1")
        #expect(keyless.apiKey == nil, "OpenRouter's key is never sent to another server")
        #expect(keyless.server.name == "the server at http://127.0.0.1:8000/v1")
        let keyed = OpenRouterConfiguration.fromEnvironment([
            "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "OPENAI_API_KEY": "sk-local",
        ])
        #expect(keyed.apiKey == APIKey("sk-local"))
        #expect(keyed.endpointKey == keyless.endpointKey, "the key is never part of what caches are keyed by")
    }

    @Test func openRouterBaseURLWinsWhenBothAreSet() {
        let configuration = OpenRouterConfiguration.fromEnvironment([
            "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "OPENAI_API_KEY": "sk-local",
            "OPENROUTER_BASE_URL": "http://127.0.0.1:9000/api/v1", "OPENROUTER_API_KEY": "sk-or",
        ])
        #expect(configuration.dialect == .openRouter)
        #expect(configuration.baseURL == "http://127.0.0.1:9000/api/v1")
        #expect(configuration.apiKey == APIKey("sk-or"))
        #expect(configuration.server.name == "OpenRouter")
        let blank = OpenRouterConfiguration.fromEnvironment(["OPENAI_BASE_URL": " "])
        #expect(blank.dialect == .openRouter && blank.baseURL == "https://openrouter.ai/api/v1")
    }

    @Test func theEndpointKeyTellsServersAndDialectsApart() {
        let a = OpenRouterConfiguration(baseURL: "http://a/v1", dialect: .openAI)
        let b = OpenRouterConfiguration(baseURL: "http://b/v1", dialect: .openAI)
        let aAsOpenRouter = OpenRouterConfiguration(baseURL: "http://a/v1/", dialect: .openRouter)
        #expect(Set([a.endpointKey, b.endpointKey, aAsOpenRouter.endpointKey]).count == 3)
    }
}

@Suite struct OpenRouterLimitSettingsTests {
    @Test func limitsHaveDefaults() {
        let configuration = OpenRouterConfiguration.fromEnvironment([:])
        #expect(configuration.idleTimeout == .seconds(60))
        #expect(configuration.maximumResponseBytes == 16 * 1024 * 1024)
    }

    @Test func limitsAreReadFromTheEnvironment() {
        let configuration = OpenRouterConfiguration.fromEnvironment([
            "ATHANOR_IDLE_TIMEOUT": "2.5", "ATHANOR_MAX_RESPONSE_MB": "0.5",
        ])
        #expect(configuration.idleTimeout == .milliseconds(2500))
        #expect(configuration.maximumResponseBytes == 512 * 1024)
        #expect(
            EnvironmentNumber.problems(in: ["ATHANOR_IDLE_TIMEOUT": "2.5", "ATHANOR_MAX_RESPONSE_MB": "4096"]) == [])
    }

    @Test(arguments: ["1e16", "inf", "nan", "-3", "0", "86401", "soon"])
    func anIdleTimeoutOutOfRangeFallsBackAndSaysSo(value: String) {
        let environment = ["ATHANOR_IDLE_TIMEOUT": value]
        #expect(OpenRouterConfiguration.fromEnvironment(environment).idleTimeout == .seconds(60))
        #expect(
            EnvironmentNumber.problems(in: environment) == [
                "ATHANOR_IDLE_TIMEOUT=\(value) is not a number of seconds above 0 and at most 86400; using 60 seconds"
            ])
    }

    @Test(arguments: ["1e16", "inf", "nan", "-1", "0", "4097", "lots"])
    func aResponseLimitOutOfRangeFallsBackAndSaysSo(value: String) {
        let environment = ["ATHANOR_MAX_RESPONSE_MB": value]
        #expect(OpenRouterConfiguration.fromEnvironment(environment).maximumResponseBytes == 16 << 20)
        #expect(
            EnvironmentNumber.problems(in: environment) == [
                "ATHANOR_MAX_RESPONSE_MB=\(value) is not a number of MB above 0 and at most 4096; using 16 MB"
            ])
    }
}
