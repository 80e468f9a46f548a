import AthanorCore
import Foundation

/// Turns an HTTP error response into a `ProviderError` with one sentence for the user.
///
/// The status decides the code (SPEC §4 table); the body only adds the provider's words, so an
/// unreadable body (HTML from the CDN, plain text, nothing) still yields the right code.
enum ResponseErrorMapper {
    static func error(
        status: Int, body: [UInt8], headers: [String: String], model: String, server: ServerName = .openRouter
    ) -> ProviderError {
        let json = try? JSONValue.parse(body)
        guard let json, let error = ErrorBody(body: json) else {
            return unreadableBody(status: status, body: body, headers: headers, model: model, server: server)
        }
        return self.error(status: status, error: error, headers: headers, model: model, server: server)
    }

    static func error(
        status: Int, error: ErrorBody, headers: [String: String], model: String, server: ServerName = .openRouter
    ) -> ProviderError {
        let name = server.sentenceStart
        let detail = error.detail
        let retryAfter = retryAfterHeader(headers) ?? error.retryAfter
        switch status {
        case 400:
            return ProviderError(
                code: .badRequest, status: status,
                message: "\(name) rejected the request as invalid (400): \(detail ?? "no reason given")",
                detail: detail)
        case 401:
            return ProviderError(
                code: .unauthorized, status: status,
                message: "\(name) rejected the API key (401): check \(server.keyVariable)",
                detail: detail)
        case 402:
            return ProviderError(
                code: .insufficientCredits, status: status,
                message: "\(name) needs more credits for this request (402): add credits or lower max_tokens",
                detail: detail)
        case 403:
            let reasons = error.reasons.isEmpty ? (detail ?? "no reason given") : error.reasons.joined(separator: ", ")
            return ProviderError(
                code: .forbidden, status: status,
                message: "\(server.possessive("moderation").capitalizedFirst) blocked the request (403): \(reasons)",
                detail: detail)
        case 404:
            return noEndpoint(status: status, model: model, detail: detail)
        case 408:
            return ProviderError(
                code: .timeout, status: status, message: "\(name) timed out waiting for the provider (408)",
                detail: detail,
                retryAfter: retryAfter)
        case 429:
            let wait = retryAfter.map { ", retry after \(JSONValue.number($0).serialized()) s" } ?? ""
            return ProviderError(
                code: .rateLimited, status: status, message: "\(name) rate-limited the request (429\(wait))",
                detail: detail,
                retryAfter: retryAfter)
        case 503 where error.excludedByRequireParameters || (detail ?? "").contains("No endpoints found"):
            return noEndpoint(status: status, model: model, detail: detail)
        case 500...599:
            return ProviderError(
                code: .serverError, status: status, message: "\(name) or the provider failed (\(status))",
                detail: detail,
                retryAfter: retryAfter)
        default:
            return ProviderError(
                code: .badRequest, status: status, message: "\(name) refused the request (\(status))",
                detail: detail,
                retryAfter: retryAfter)
        }
    }

    /// The `require_parameters` filter left no endpoint: say "logprobs", not "model not found".
    private static func noEndpoint(status: Int, model: String, detail: String?) -> ProviderError {
        ProviderError(
            code: .noEndpoint, status: status,
            message: "no provider serves \(model) with logprobs (\(status) \(detail ?? "No endpoints found"))",
            detail: detail)
    }

    /// HTML pages from the edge, plain text or nothing at all: keep the status, show the page's
    /// title or the start of the text.
    private static func unreadableBody(
        status: Int, body: [UInt8], headers: [String: String], model: String, server: ServerName
    )
        -> ProviderError
    {
        let text = String(decoding: body.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let isHTML = headers["content-type"]?.contains("text/html") == true || text.hasPrefix("<")
        if isHTML {
            let title = htmlTitle(text)
            return ProviderError(
                code: .malformedResponse, status: status,
                message: "\(server.sentenceStart) returned an HTML error page (\(status))"
                    + (title.map { ": \($0)" } ?? ""),
                detail: title, retryAfter: retryAfterHeader(headers))
        }
        var error = ErrorBody(body: ["error": .string(String(text.prefix(300)))])!
        if text.isEmpty { error.message = nil }
        return self.error(status: status, error: error, headers: headers, model: model, server: server)
    }

    static func htmlTitle(_ html: String) -> String? {
        guard let open = html.range(of: "<title", options: .caseInsensitive),
            let start = html[open.upperBound...].firstIndex(of: ">"),
            let close = html.range(of: "</title>", options: .caseInsensitive, range: start..<html.endIndex)
        else { return nil }
        let title = html[html.index(after: start)..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : title
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare here and ignored), else OpenRouter's
    /// platform limit headers: with `X-RateLimit-Remaining: 0`, the wait until `X-RateLimit-Reset`
    /// (epoch milliseconds, or seconds when small enough to be seconds).
    static func retryAfterHeader(_ headers: [String: String], now: Double = Date().timeIntervalSince1970) -> Double? {
        // `inf`, `nan` and `1e999` parse as numbers; no server means them.
        if let seconds = headers["retry-after"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
            seconds >= 0, seconds.isFinite
        {
            return seconds
        }
        guard headers["x-ratelimit-remaining"]?.trimmingCharacters(in: .whitespaces) == "0",
            let reset = headers["x-ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
            reset.isFinite
        else { return nil }
        let resetSeconds = reset > 1e11 ? reset / 1000 : reset
        return max(0, resetSeconds - now)
    }
}
