import AthanorCore
import Foundation

/// Folds the chunks of a streamed completion into one `Completion` (SPEC §3, edge cases 11–16).
///
/// Text is the concatenation of `delta.content`; logprobs ride beside `delta` and may carry
/// several tokens or none per chunk; the first non-null `finish_reason` wins (later chunks repeat
/// it or send null); usage may come several times and the last one wins (never summed). A chunk
/// with a top-level `error` means the provider failed after HTTP 200.
public struct StreamAccumulator: Sendable {
    private var id: String?
    private var model: String?
    private var provider: String?
    private var text = ""
    private var tokens: [TokenLogprob]?
    private var finishReason: String?
    private var nativeFinishReason: String?
    private var usage: Completion.Usage?
    /// Whether `[DONE]` arrived; a stream cut before it and before any finish reason is incomplete.
    public private(set) var isDone = false
    /// Who sent the stream, as error sentences name it.
    private let server: ServerName

    public init(server: ServerName = .openRouter) {
        self.server = server
    }

    /// Adds one SSE event and returns what it added to the answer (nil when nothing: a comment,
    /// `[DONE]`, a finish or usage chunk). Throws `.errorInResponse` for an in-band error and
    /// `.malformedResponse` for data that is not JSON.
    @discardableResult
    public mutating func add(_ event: SSEDecoder.Event) throws(ProviderError) -> CompletionDelta? {
        if event.isDone {
            isDone = true
            return nil
        }
        let data = event.data.trimmingCharacters(in: .whitespaces)
        // A proxy once wrapped keep-alive comments in data lines (SPEC §6.8).
        if data.isEmpty || data.hasPrefix(":") { return nil }
        let chunk: JSONValue
        do {
            chunk = try JSONValue.parse(data)
        } catch {
            throw ProviderError(
                code: .malformedResponse, status: 200,
                message: "\(server.sentenceStart) sent a stream event that is not valid JSON",
                detail: error.description)
        }
        return try add(chunk: chunk)
    }

    /// Adds one parsed chunk; returns its text and tokens unless it carried neither.
    @discardableResult
    public mutating func add(chunk: JSONValue) throws(ProviderError) -> CompletionDelta? {
        var delta = CompletionDelta(text: "")
        id = id ?? chunk["id"]?.stringValue
        model = model ?? chunk["model"]?.stringValue
        provider = provider ?? chunk["provider"]?.stringValue
        if let usage = Completion.Usage(json: chunk["usage"]) { self.usage = usage }
        if let choice = chunk["choices"]?.arrayValue?.first {
            if let content = choice["delta"]?["content"]?.stringValue {
                text += content
                delta.text = content
            }
            if let entries = choice["logprobs"]?["content"]?.arrayValue {
                delta.tokens = entries.compactMap(TokenLogprob.init(json:))
                tokens = tokens ?? []
                tokens?.append(contentsOf: delta.tokens)
            }
            finishReason = finishReason ?? choice["finish_reason"]?.stringValue
            nativeFinishReason = nativeFinishReason ?? choice["native_finish_reason"]?.stringValue
        }
        if let error = ErrorBody(body: chunk) {
            let status = error.numericCode.flatMap { (400...599).contains($0) ? $0 : nil } ?? 200
            throw ProviderError(
                code: .errorInResponse, status: status,
                message: "The provider failed in the middle of the answer: \(error.detail ?? "no reason given")",
                detail: error.detail)
        }
        guard !delta.isEmpty else { return nil }
        delta.model = model
        delta.provider = provider
        return delta
    }

    /// The completion so far; throws when the stream ended without `[DONE]` or a finish reason.
    public func completion(headers: [String: String] = [:], latencyMilliseconds: Double = 0) throws(ProviderError)
        -> Completion
    {
        guard isDone || finishReason != nil else {
            throw ProviderError(
                code: .malformedResponse, status: 200,
                message: "\(server.possessive("stream").capitalizedFirst) ended before the answer was complete",
                detail: text.isEmpty ? nil : "received \(text.count) characters")
        }
        return Completion(
            id: id ?? headers["x-generation-id"], model: model, provider: provider ?? headers["x-provider-name"],
            text: text,
            finishReason: finishReason, nativeFinishReason: nativeFinishReason, tokens: tokens, usage: usage,
            latencyMilliseconds: latencyMilliseconds)
    }
}
