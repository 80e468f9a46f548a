import Foundation

/// Where and how the client talks to OpenRouter (or anything speaking its wire format).
public struct OpenRouterConfiguration: Sendable {
    public static let defaultBaseURL = "https://openrouter.ai/api/v1"
    public static let defaultRequestTimeout: Duration = .seconds(120)

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

    /// The longest `ATHANOR_REQUEST_TIMEOUT` accepted: a day.
    public static let maximumRequestTimeout = 86_400.0

    /// Reads `OPENROUTER_BASE_URL`, `OPENROUTER_API_KEY` and `ATHANOR_REQUEST_TIMEOUT` (seconds);
    /// unset, empty or unusable values fall back to the defaults (`problems` says which).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment)
        -> OpenRouterConfiguration
    {
        let timeout = requestTimeoutSeconds(env).map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        return OpenRouterConfiguration(
            baseURL: env["OPENROUTER_BASE_URL"] ?? defaultBaseURL,
            apiKey: env["OPENROUTER_API_KEY"].flatMap(APIKey.init),
            requestTimeout: timeout ?? defaultRequestTimeout
        )
    }

    /// Sentences about environment variables set to something unusable, which `fromEnvironment`
    /// replaced by their defaults.
    public static func problems(_ env: [String: String]) -> [String] {
        guard let text = env["ATHANOR_REQUEST_TIMEOUT"], !text.trimmingCharacters(in: .whitespaces).isEmpty,
            requestTimeoutSeconds(env) == nil
        else { return [] }
        return [
            "ATHANOR_REQUEST_TIMEOUT=\(text) is not a number of seconds above 0 and at most "
                + "\(Int(maximumRequestTimeout)); using \(Int(defaultRequestTimeout / .seconds(1))) s"
        ]
    }

    private static func requestTimeoutSeconds(_ env: [String: String]) -> Double? {
        env["ATHANOR_REQUEST_TIMEOUT"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .flatMap { $0 > 0 && $0 <= maximumRequestTimeout ? $0 : nil }
    }

    var chatCompletionsURL: String { baseURL + "/chat/completions" }
}
