import Foundation

/// A provider that answers a request it has seen before from the response cache, without a
/// network call, and fills the cache from every fresh answer. Opt-in (`--cache`), because
/// sampling experiments need fresh answers.
///
/// A cached answer is marked `servedFrom = .cache` and costs nothing. A cache that fails (the
/// database went away) never fails a request: the request is sent, and a failed write is dropped.
public struct CachingProvider: CompletionProvider {
    public let base: any CompletionProvider
    /// Opened on first use, so a script that sends nothing never touches it.
    public let cache: @Sendable () async throws -> any ResponseCache
    /// Asked before each request, so a session can switch the cache on and off (`:set cache on`)
    /// without a new provider; when it says no, this is just `base`.
    public let isEnabled: @Sendable () -> Bool

    public init(
        base: any CompletionProvider, cache: @escaping @Sendable () async throws -> any ResponseCache,
        isEnabled: @escaping @Sendable () -> Bool = { true }
    ) {
        self.base = base
        self.cache = cache
        self.isEnabled = isEnabled
    }

    public func complete(_ request: CompletionRequest) async throws -> Completion {
        guard isEnabled() else { return try await base.complete(request) }
        let fingerprint = StoredResponseProvider.fingerprint(request)
        let store = try? await cache()
        let started = ContinuousClock.now
        if let store, let hit = try? await store.cachedResponse(fingerprint: fingerprint) {
            var completion = hit
            completion.servedFrom = .cache
            completion.usage?.cost = 0
            completion.latencyMilliseconds = (ContinuousClock.now - started) / .milliseconds(1)
            return completion
        }
        let completion = try await base.complete(request)
        try? await store?.storeResponse(fingerprint: fingerprint, request: request, completion: completion)
        return completion
    }
}
