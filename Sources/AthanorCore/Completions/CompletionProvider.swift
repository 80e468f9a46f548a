/// Something that answers chat-completion requests with token logprobs: OpenRouter, or anything
/// that speaks its wire format (the simulator, vLLM, llama.cpp).
public protocol CompletionProvider: Sendable {
    /// Sends one request and returns the whole answer.
    ///
    /// Throws `ProviderError` for every failure, already classified as retryable or not, and
    /// `CancellationError` when the calling task is cancelled (the transfer is aborted at once).
    func complete(_ request: CompletionRequest) async throws -> Completion
}
