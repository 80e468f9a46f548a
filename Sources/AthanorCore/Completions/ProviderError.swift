/// A request that did not produce a completion, with a message written for the person at the prompt.
///
/// `description` is one sentence for a user; the provider's own words are kept in `detail`.
/// Nothing here ever holds the API key.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No API key was configured; nothing was sent.
        public static let missingAPIKey = Code(rawValue: "missing_api_key")
        /// 400: the request itself is wrong (bad parameter, unknown model, context too long).
        public static let badRequest = Code(rawValue: "bad_request")
        /// 401: the key is wrong or disabled.
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// 402: out of credits, or `max_tokens` too large for what is left.
        public static let insufficientCredits = Code(rawValue: "insufficient_credits")
        /// 403: moderation or a guardrail blocked the input.
        public static let forbidden = Code(rawValue: "forbidden")
        /// 404: no endpoint serves this model with the requested parameters (logprobs).
        public static let noEndpoint = Code(rawValue: "no_endpoint")
        /// 408 or a client-side timeout.
        public static let timeout = Code(rawValue: "timeout")
        /// 429: rate limited.
        public static let rateLimited = Code(rawValue: "rate_limited")
        /// 5xx from OpenRouter or the upstream provider.
        public static let serverError = Code(rawValue: "server_error")
        /// A body that is not the JSON it should be (an HTML error page, malformed or truncated JSON).
        public static let malformedResponse = Code(rawValue: "malformed_response")
        /// HTTP 200 whose body or stream carries an `error` object.
        public static let errorInResponse = Code(rawValue: "error_in_response")
        /// The connection failed: refused, reset, DNS, TLS, or a body cut short.
        public static let connectionFailed = Code(rawValue: "connection_failed")
        /// The response grew past the size limit and was abandoned; sending again would only
        /// bring the same flood, so it is not retried.
        public static let responseTooLarge = Code(rawValue: "response_too_large")
    }

    public var code: Code
    /// The HTTP status, when there was a response.
    public var status: Int?
    /// One sentence for a user.
    public var message: String
    /// The provider's own words (`error.message`, `metadata.raw`, the start of an HTML page).
    public var detail: String?
    /// Seconds to wait before trying again, from `Retry-After` or the error body.
    public var retryAfter: Double?

    public init(code: Code, status: Int? = nil, message: String, detail: String? = nil, retryAfter: Double? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// Whether sending the same request again may succeed (429, 408, 5xx, broken connections and bodies).
    public var isRetryable: Bool {
        switch code {
        case .rateLimited, .timeout, .serverError, .connectionFailed, .malformedResponse: true
        case .errorInResponse: status.map { $0 == 429 || $0 >= 500 } ?? false
        default: false
        }
    }

    public var description: String {
        guard let detail, !detail.isEmpty, !message.contains(detail) else { return message }
        return "\(message) (\(detail))"
    }

    public var jsonValue: JSONValue {
        [
            "code": .string(code.rawValue), "status": JSONValue(status), "message": .string(message),
            "detail": JSONValue(detail),
        ]
    }
}
