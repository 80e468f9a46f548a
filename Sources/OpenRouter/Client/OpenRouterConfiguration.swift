import AthanorCore
import Foundation

/// Where and how the client talks to OpenRouter (or anything speaking its wire format).
public struct OpenRouterConfiguration: Sendable {
    public static let defaultBaseURL = "https://openrouter.ai/api/v1"
    public static let defaultRequestTimeout: Duration = .seconds(EnvironmentNumber.requestTimeout.defaultValue)

    /// The API root without a trailing slash, e.g. `https://openrouter.ai/api/v1`.
    public var baseURL: String
    public var apiKey: APIKey?
    /// OpenRouter's wire format, or the plain OpenAI one (no `provider`, no `usage`, no key needed).
    public var dialect: APIDialect
    /// Sends `provider.require_parameters: true`, so a model whose endpoints cannot return
    /// logprobs fails with 404 instead of silently answering without them (SPEC §1, §6.4).
    public var requireParameters: Bool
    /// Total time for one request, from connecting to the last byte.
    public var requestTimeout: Duration
    /// A request fails when no byte arrives for this long, streams included.
    public var idleTimeout: Duration
    /// A response whose body, decompressed, passes this many bytes is abandoned.
    public var maximumResponseBytes: Int

    public init(
        baseURL: String = OpenRouterConfiguration.defaultBaseURL, apiKey: APIKey? = nil,
        dialect: APIDialect = .openRouter,
        requireParameters: Bool = true,
        requestTimeout: Duration = OpenRouterConfiguration.defaultRequestTimeout,
        idleTimeout: Duration = OpenRouterConfiguration.defaultIdleTimeout,
        maximumResponseBytes: Int = OpenRouterConfiguration.defaultMaximumResponseMegabytes * megabyte
    ) {
        var base = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base.isEmpty ? Self.defaultBaseURL : base
        self.apiKey = apiKey
        self.dialect = dialect
        self.requireParameters = requireParameters
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// No byte for a minute: OpenRouter sends `: OPENROUTER PROCESSING` comments while a stream
    /// waits for its provider, so a silent minute means a dead connection, not a slow model.
    public static let defaultIdleTimeout: Duration = .seconds(EnvironmentNumber.idleTimeout.defaultValue)
    public static let megabyte = 1024 * 1024
    public static let defaultMaximumResponseMegabytes = Int(EnvironmentNumber.maxResponseMegabytes.defaultValue)

    /// Reads `OPENROUTER_BASE_URL`, `OPENROUTER_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_API_KEY`, `ATHANOR_REQUEST_TIMEOUT` and
    /// `ATHANOR_IDLE_TIMEOUT` (seconds) and `ATHANOR_MAX_RESPONSE_MB` (megabytes of 2^20 bytes);
    /// unset, empty or unusable values fall back to the defaults (`EnvironmentNumber.problems` says which).
    ///
    /// `OPENAI_BASE_URL` selects the plain OpenAI dialect with `OPENAI_API_KEY` (optional) unless
    /// `OPENROUTER_BASE_URL` is set too, which wins: it names Athanor's own server, while
    /// `OPENAI_BASE_URL` is often left set for other tools. `OPENROUTER_API_KEY` is never sent to
    /// an OpenAI-compatible server.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment)
        -> OpenRouterConfiguration
    {
        func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
        let megabytes = EnvironmentNumber.maxResponseMegabytes.value(in: env)
        func set(_ name: String) -> String? {
            env[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }
        let openAI = set("OPENROUTER_BASE_URL") == nil ? set("OPENAI_BASE_URL") : nil
        return OpenRouterConfiguration(
            baseURL: openAI ?? env["OPENROUTER_BASE_URL"] ?? defaultBaseURL,
            apiKey: env[openAI == nil ? "OPENROUTER_API_KEY" : "OPENAI_API_KEY"].flatMap(APIKey.init),
            dialect: openAI == nil ? .openRouter : .openAI,
            requestTimeout: duration(EnvironmentNumber.requestTimeout.value(in: env)),
            idleTimeout: duration(EnvironmentNumber.idleTimeout.value(in: env)),
            maximumResponseBytes: max(1, Int((megabytes * Double(megabyte)).rounded()))
        )
    }

    /// The configuration for a model's own `endpoint`: a plain OpenAI-compatible server at
    /// `baseURL`, with `apiKey` (`OPENAI_API_KEY`, or none) and this configuration's timeouts and
    /// size limit. OpenRouter's key is never sent there.
    public func endpoint(_ baseURL: String, apiKey: APIKey?) -> OpenRouterConfiguration {
        OpenRouterConfiguration(
            baseURL: baseURL, apiKey: apiKey, dialect: .openAI, requireParameters: requireParameters,
            requestTimeout: requestTimeout, idleTimeout: idleTimeout, maximumResponseBytes: maximumResponseBytes)
    }

    /// A byte count as the megabytes a user set, e.g. `16 MB` or `0.5 MB`.
    static func megabytesText(_ bytes: Int) -> String {
        JSONValue.number(Double(bytes) / Double(megabyte)).serialized() + " MB"
    }

    var chatCompletionsURL: String { baseURL + "/chat/completions" }

    /// How errors name the server: OpenRouter, or this base URL.
    public var server: ServerName { ServerName(dialect: dialect, baseURL: baseURL) }

    /// What the response cache and the model list are keyed by: the dialect and the base URL, so
    /// one server's answer is never served for another's.
    public var endpointKey: String { "\(dialect.rawValue) \(baseURL)" }
}
