/// Sends each request to the server its model names: `request.endpoint`'s provider, or the
/// process's own when the model names none. One sweep can so compare OpenRouter with a local
/// OpenAI-compatible server.
public struct EndpointRouter: CompletionProvider {
    /// The process's own server (OpenRouter, `OPENROUTER_BASE_URL` or `OPENAI_BASE_URL`).
    public let standard: any CompletionProvider
    /// The provider for a model's endpoint (its base URL).
    public let named: @Sendable (String) -> any CompletionProvider

    public init(standard: any CompletionProvider, named: @escaping @Sendable (String) -> any CompletionProvider) {
        self.standard = standard
        self.named = named
    }

    /// Where `request` goes.
    public func provider(for request: CompletionRequest) -> any CompletionProvider {
        request.endpoint.map(named) ?? standard
    }

    public func complete(_ request: CompletionRequest) async throws -> Completion {
        try await provider(for: request).complete(request)
    }

    public func stream(_ request: CompletionRequest, onDelta: @escaping @Sendable (CompletionDelta) -> Void)
        async throws -> Completion
    {
        try await provider(for: request).stream(request, onDelta: onDelta)
    }
}
