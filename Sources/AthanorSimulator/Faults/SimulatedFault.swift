/// A failure the simulator can inject, named as on the command line and in `X-Sim-Fault`.
///
/// Each imitates something OpenRouter or the network really does (SPEC §3–4), so clients
/// can prove their retry, parsing and bookkeeping paths without a live provider.
public enum SimulatedFault: String, Sendable, CaseIterable {
    /// 429 with `Retry-After: 1` and the provider rate-limit body.
    case rateLimited = "429"
    /// 500 with OpenRouter's masked message.
    case serverError = "500"
    /// 502 as an HTML page from the edge, not JSON.
    case badGatewayHTML = "502-html"
    /// Waits `--slow-ms` before answering normally.
    case slow
    /// Status 200 with a body that is not JSON.
    case malformed
    /// Promises more bytes than it sends, then closes the connection.
    case truncate
    /// Status 200 whose body is an error object.
    case errorWithStatus200 = "error-200"
    /// A normal answer with `"logprobs": null`, as when a provider drops the parameter.
    case noLogprobs = "no-logprobs"
    /// Streaming: an in-band error chunk after a few tokens. Non-streaming: a partial answer
    /// with `finish_reason: "error"` and `choices[0].error`.
    case midstreamError = "midstream-error"
    /// `Content-Encoding: gzip` on a body of about 1 MB that inflates to about 1 GB of zero bytes
    /// (a valid gzip stream with a true CRC): a client must count decompressed bytes to stop it.
    case gzipBomb = "gzip-bomb"
    /// Status 200 and server-sent events that never end: token chunks, 64 at a time, until the
    /// client closes the connection.
    case endlessStream = "endless-stream"
    /// Status 200 with a complete, well-formed answer of about 100 MB (its content is one long
    /// run of `x`), announced by `Content-Length`.
    case hugeAnswer = "huge-answer"
    /// Status 200 and headers (chunked), then not one byte more until the client gives up.
    case stall
    /// No response at all: the connection is reset (TCP RST) once the request is read.
    case reset

    public static var knownNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
