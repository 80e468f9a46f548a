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
    /// The server `base` talks to (its dialect and base URL), part of every cache key, so an
    /// answer cached from one server is never served for another.
    public let endpoint: String

    public init(
        base: any CompletionProvider, cache: @escaping @Sendable () async throws -> any ResponseCache,
        endpoint: String, isEnabled: @escaping @Sendable () -> Bool = { true }
    ) {
        self.base = base
        self.cache = cache
        self.endpoint = endpoint
        self.isEnabled = isEnabled
    }

    /// The request's fingerprint with the endpoint it goes to. Keys stored before endpoints were
    /// part of them simply no longer match: those answers are asked for again.
    public static func cacheKey(_ request: CompletionRequest, endpoint: String) -> String {
        "endpoint " + endpoint + "\n" + StoredResponseProvider.fingerprint(request)
    }

    public func complete(_ request: CompletionRequest) async throws -> Completion {
        try await answer(request, onHit: { _ in }) { try await base.complete(request) }
    }

    /// A cached answer arrives as one piece; a fresh one streams from `base` as it comes.
    public func stream(
        _ request: CompletionRequest, onDelta: @escaping @Sendable (CompletionDelta) -> Void
    ) async throws -> Completion {
        try await answer(request, onHit: { onDelta(CompletionDelta(whole: $0)) }) {
            try await base.stream(request, onDelta: onDelta)
        }
    }

    /// The cached answer when there is one, else `send()`'s, which then fills the cache.
    private func answer(
        _ request: CompletionRequest, onHit: (Completion) -> Void, send: () async throws -> Completion
    ) async throws -> Completion {
        guard isEnabled() else { return try await send() }
        let fingerprint = Self.cacheKey(request, endpoint: endpoint)
        let store = try? await cache()
        let started = ContinuousClock.now
        if let store, let hit = try? await store.cachedResponse(fingerprint: fingerprint) {
            var completion = hit
            completion.servedFrom = .cache
            completion.usage?.cost = 0
            completion.latencyMilliseconds = (ContinuousClock.now - started) / .milliseconds(1)
            onHit(completion)
            return completion
        }
        let completion = try await send()
        try? await store?.storeResponse(fingerprint: fingerprint, request: request, completion: completion)
        return completion
    }
}
