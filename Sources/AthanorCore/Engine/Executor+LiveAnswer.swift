extension Executor {
    /// One attempt at a request: streamed to `liveAnswer` when the plan is shown live, else whole.
    func answer(_ request: CompletionRequest, attempt: Int) async throws -> Completion {
        guard let liveAnswer else { return try await provider.complete(request) }
        return try await provider.stream(request) { delta in liveAnswer(delta, attempt) }
    }
}
