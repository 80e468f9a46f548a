/// Something that answers chat-completion requests with token logprobs: OpenRouter, or anything
/// that speaks its wire format (the simulator, vLLM, llama.cpp).
public protocol CompletionProvider: Sendable {
    /// Sends one request and returns the whole answer.
    ///
    /// Throws `ProviderError` for every failure, already classified as retryable or not, and
    /// `CancellationError` when the calling task is cancelled (the transfer is aborted at once).
    func complete(_ request: CompletionRequest) async throws -> Completion

    /// Sends one request, hands each piece of the answer to `onDelta` as it arrives, and returns
    /// the whole answer, exactly as `complete` would. Errors as for `complete`; pieces already
    /// handed on before a failure stay handed on.
    func stream(_ request: CompletionRequest, onDelta: @escaping @Sendable (CompletionDelta) -> Void) async throws
        -> Completion

    /// Why this provider cannot answer every point of `plan`, said before anything is stored or
    /// sent (stored answers that lack one); nil when it may answer them all.
    func unanswered(_ plan: Plan) -> String?
}

extension CompletionProvider {
    /// A provider that sends requests can answer any plan.
    public func unanswered(_ plan: Plan) -> String? { nil }

    /// For providers that cannot stream (stored answers, the cache): the whole answer as one piece.
    public func stream(
        _ request: CompletionRequest, onDelta: @escaping @Sendable (CompletionDelta) -> Void
    ) async throws -> Completion {
        let completion = try await complete(request)
        let whole = CompletionDelta(whole: completion)
        if !whole.isEmpty { onDelta(whole) }
        return completion
    }
}
