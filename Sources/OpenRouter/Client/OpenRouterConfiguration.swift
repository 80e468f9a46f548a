import AthanorCore
import Foundation

/// Where and how the client talks to OpenRouter (or anything speaking its wire format).
public struct OpenRouterConfiguration: Sendable {
    public static let defaultBaseURL = "https://openrouter.ai/api/v1"
    public static let defaultRequestTimeout: Duration = .seconds(EnvironmentNumber.requestTimeout.defaultValue)

    /// The API root without a trailing slash, e.g. `https://openrouter.ai/api/v1`.
    public var baseURL: String
    public var apiKey: APIKey?
    /// Sends `provider.require_parameters: true`, so a model whose endpoints cannot return
    /// logprobs fails with 404 instead of silently answering without them (SPEC §1, §6.4).
    public var requireParameters: Bool
    /// Total time for one request, from connecting to the last byte.
    public var requestTimeout: Duration

    public init(
        baseURL: String = OpenRouterConfiguration.defaultBaseURL, apiKey: APIKey? = nil, requireParameters: Bool = true,
        requestTimeout: Duration = OpenRouterConfiguration.defaultRequestTimeout
    ) {
        var base = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base.isEmpty ? Self.defaultBaseURL : base
        self.apiKey = apiKey
        self.requireParameters = requireParameters
        self.requestTimeout = requestTimeout
    }

    /// Reads `OPENROUTER_BASE_URL`, `OPENROUTER_API_KEY` and `ATHANOR_REQUEST_TIMEOUT` (seconds);
    /// unset, empty or unusable values fall back to the defaults (`EnvironmentNumber.problems` says which).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment)
        -> OpenRouterConfiguration
    {
        let timeout = EnvironmentNumber.requestTimeout.value(in: env)
        return OpenRouterConfiguration(
            baseURL: env["OPENROUTER_BASE_URL"] ?? defaultBaseURL,
            apiKey: env["OPENROUTER_API_KEY"].flatMap(APIKey.init),
            requestTimeout: .milliseconds(Int64((timeout * 1000).rounded()))
        )
    }

    var chatCompletionsURL: String { baseURL + "/chat/completions" }
}
