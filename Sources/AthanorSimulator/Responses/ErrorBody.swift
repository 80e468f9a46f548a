import AthanorCore

/// OpenRouter's error bodies (SPEC §4): `{"error": {"code", "message", "metadata"?}}`.
enum ErrorBody {
    static func response(_ status: Int, _ message: String, headers: [(name: String, value: String)] = [])
        -> HTTPResponse
    {
        .json(status, json(code: status, message: message).serialized(), headers: headers)
    }

    static func json(code: Int, message: String, metadata: JSONValue? = nil) -> JSONValue {
        var error: [String: JSONValue] = ["code": .number(Double(code)), "message": .string(message)]
        if let metadata { error["metadata"] = metadata }
        return ["error": .object(error)]
    }

    /// The recorded upstream rate limit (fixture `openrouter_error_429_provider_ratelimited.json`).
    static func rateLimited(model: String) -> HTTPResponse {
        let body: JSONValue = [
            "error": [
                "code": 429, "message": "Provider returned error",
                "metadata": [
                    "provider_name": .string(CompletionEnvelope.provider),
                    "raw": .string("\(model) is temporarily rate-limited upstream. Please retry shortly."),
                ],
            ],
            "user_id": "user_simulator",
        ]
        return .json(429, body.serialized(), headers: [("Retry-After", "1")])
    }

    static let badGatewayPage = """
        <!DOCTYPE html>
        <html><head><title>502 Bad Gateway</title></head>
        <body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>

        """
}
