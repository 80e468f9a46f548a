/// Where identical requests' answers are kept for `--cache` (a PostgreSQL table in production).
///
/// Keyed by the request's fingerprint (model, messages, parameters) and the endpoint it was sent
/// to (`CachingProvider.cacheKey`): never by anything secret.
public protocol ResponseCache: Sendable {
    func cachedResponse(fingerprint: String) async throws -> Completion?
    func storeResponse(fingerprint: String, request: CompletionRequest, completion: Completion) async throws
}
