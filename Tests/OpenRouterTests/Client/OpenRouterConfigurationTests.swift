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
}
