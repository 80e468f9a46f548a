import AthanorCore
import Foundation

/// Turns a response (status, headers, body) into a `Completion` or a `ProviderError`.
///
/// Pure, so every shape in SPEC §2–§4 is tested without a network. Lenient: unknown fields are
/// ignored; `logprobs` that is null, missing, `{}` or `{content: null}` means "not returned" and
/// gives `tokens == nil`, never zeros. A `text/event-stream` body is decoded as SSE.
public enum ResponseDecoder {
    public static func decode(
        status: Int, headers: [String: String], body: [UInt8], requestedModel: String, latencyMilliseconds: Double = 0,
        server: ServerName = .openRouter
    ) throws(ProviderError) -> Completion {
        guard (200..<300).contains(status) else {
            throw ResponseErrorMapper.error(
                status: status, body: body, headers: headers, model: requestedModel, server: server)
        }
        if headers["content-type"]?.contains("text/event-stream") == true {
            return try decodeStream(
                headers: headers, body: body, latencyMilliseconds: latencyMilliseconds, server: server)
        }
        let parsed: ResponseBody
        do {
            parsed = try ResponseBody(body)
        } catch {
            if body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "<") {
                throw ResponseErrorMapper.error(
                    status: status, body: body, headers: headers, model: requestedModel, server: server)
            }
            let what = body.isEmpty ? "an empty body" : "JSON that is malformed or cut short"
            throw ProviderError(
                code: .malformedResponse, status: status, message: "\(server.sentenceStart) answered with \(what)",
                detail: body.isEmpty ? nil : error.description)
        }
        let json = parsed.json
        if let error = ErrorBody(body: json) {
            throw errorInResponse(status: status, error: error, server: server)
        }
        guard let choice = json["choices"]?.arrayValue?.first else {
            throw ProviderError(
                code: .malformedResponse, status: status,
                message: "\(server.possessive("answer").capitalizedFirst) has no choices")
        }
        if choice["finish_reason"]?.stringValue == "error", let error = ErrorBody(body: choice) {
            throw errorInResponse(status: status, error: error, server: server)
        }
        return Completion(
            id: json["id"]?.stringValue ?? headers["x-generation-id"],
            model: json["model"]?.stringValue,
            provider: json["provider"]?.stringValue ?? headers["x-provider-name"],
            text: choice["message"]?["content"]?.stringValue ?? "",
            finishReason: choice["finish_reason"]?.stringValue,
            nativeFinishReason: choice["native_finish_reason"]?.stringValue,
            tokens: parsed.tokens,
            usage: Completion.Usage(json: json["usage"]),
            latencyMilliseconds: latencyMilliseconds)
    }

    /// A whole SSE body (the client reads streams to the end before decoding).
    static func decodeStream(
        headers: [String: String], body: [UInt8], latencyMilliseconds: Double, server: ServerName = .openRouter
    )
        throws(ProviderError)
        -> Completion
    {
        var decoder = SSEDecoder()
        var accumulator = StreamAccumulator(server: server)
        for event in decoder.feed(body) + decoder.finish() {
            try accumulator.add(event)
        }
        return try accumulator.completion(headers: headers, latencyMilliseconds: latencyMilliseconds)
    }

    /// HTTP 200 that still carries an error: the status is the error's own code when it has one,
    /// so a 429 or 5xx inside a 200 stays retryable.
    private static func errorInResponse(status: Int, error: ErrorBody, server: ServerName) -> ProviderError {
        let code = error.numericCode.flatMap { (400...599).contains($0) ? $0 : nil } ?? status
        return ProviderError(
            code: .errorInResponse, status: code,
            message:
                "\(server.sentenceStart) answered \(status) but reported an error: \(error.detail ?? "no reason given")",
            detail: error.detail)
    }
}
