import AthanorCore

/// Dresses an answer as the HTTP response a fault calls for (or a healthy one without a fault).
///
/// Errors that OpenRouter reports before the first token (429, 500, 502, an error with 200)
/// come back as ordinary bodies even when streaming was requested, as SPEC §3 describes.
struct FaultResponder {
    var body: CompletionBody
    var latency: Duration

    /// The size of the `huge-answer` fault's body.
    static let hugeAnswerBytes = 100 * 1024 * 1024
    /// The compressed size of the `gzip-bomb` fault's body.
    static let gzipBombBytes = 1024 * 1024

    func response(fault: SimulatedFault?, stream: Bool) -> HTTPResponse {
        var response =
            earlyFailure(fault) ?? hostileResponse(fault, stream: stream)
            ?? (stream ? streamed(fault) : complete(fault))
        if case .stream = response.body {} else { response.delay = latency }
        return response
    }

    private var idHeaders: [(name: String, value: String)] {
        [("X-Generation-Id", body.envelope.id), ("X-Provider-Name", CompletionEnvelope.provider)]
    }

    private func earlyFailure(_ fault: SimulatedFault?) -> HTTPResponse? {
        switch fault {
        case .rateLimited: ErrorBody.rateLimited(model: body.envelope.model)
        case .serverError: ErrorBody.response(500, "Internal Server Error")
        case .badGatewayHTML:
            HTTPResponse(
                status: 502, headers: [("Content-Type", "text/html")],
                body: .bytes(Array(ErrorBody.badGatewayPage.utf8)))
        case .errorWithStatus200:
            .json(200, ErrorBody.json(code: 502, message: "Provider returned error").serialized(), headers: idHeaders)
        default: nil
        }
    }

    /// Bodies that only a client with limits survives, and connections that break without a word.
    private func hostileResponse(_ fault: SimulatedFault?, stream: Bool) -> HTTPResponse? {
        let contentType = (name: "Content-Type", value: stream ? "text/event-stream" : "application/json")
        switch fault {
        case .gzipBomb:
            let bomb = GzipBomb(compressedBytes: Self.gzipBombBytes)
            return HTTPResponse(
                status: 200, headers: [contentType, ("Content-Encoding", "gzip")] + idHeaders,
                body: .run(head: bomb.head, filler: 0, count: bomb.zeroCount, tail: bomb.tail))
        case .endlessStream:
            let (head, unit) = StreamEvents(body: body).endless()
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "text/event-stream")] + idHeaders,
                body: .endless(head: Array(head.utf8), unit: Array(unit.utf8)))
        case .hugeAnswer:
            var start = BodyBytes(capacity: 512)
            body.writeEnvelope("chat.completion", into: &start)
            start.append(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":{\"content\":\"")
            let head = start.bytes
            let tail = Array("\",\"role\":\"assistant\"},\"finish_reason\":\"length\"}]}".utf8)
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")] + idHeaders,
                body: .run(
                    head: head, filler: UInt8(ascii: "x"), count: Self.hugeAnswerBytes - head.count - tail.count,
                    tail: tail))
        case .stall:
            return HTTPResponse(status: 200, headers: [contentType] + idHeaders, body: .stall)
        case .reset:
            return HTTPResponse(status: 200, body: .reset)
        default:
            return nil
        }
    }

    private func complete(_ fault: SimulatedFault?) -> HTTPResponse {
        switch fault {
        case .malformed:
            return .json(200, "{\"id\":\"\(body.envelope.id)\",\"choices\":[{\"message\":", headers: idHeaders)
        case .truncate:
            let full = body.completionJSON().bytes
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")] + idHeaders,
                body: .truncated(Array(full.prefix(full.count / 2)), declaredLength: full.count))
        case .midstreamError:
            var partial = body
            partial.answer.tokens = Array(body.answer.tokens.prefix(3))
            let failure = ErrorBody.json(
                code: 502, message: "Provider disconnected unexpectedly",
                metadata: ["error_type": "provider_unavailable"])["error"]
            return .json(200, partial.completionJSON(failure: failure), headers: idHeaders)
        default:
            return .json(200, body.completionJSON(), headers: idHeaders)
        }
    }

    private func streamed(_ fault: SimulatedFault?) -> HTTPResponse {
        let parts = StreamEvents(body: body).parts(latency: latency, fault: fault)
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")] + idHeaders,
            body: .stream(parts, complete: fault != .truncate))
    }
}
