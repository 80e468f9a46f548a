import AthanorCore
import Foundation
import OpenRouter
import PostgresStore

/// Opens what a command needs, once: the store (saying once where a private cluster started) and
/// the provider.
final class ServiceFactory: Sendable {
    let environment: [String: String]
    let configuration: OpenRouterConfiguration
    /// Serve identical requests from the response cache (`--cache`); off by default.
    let cache: Bool
    private let opened = StoreBox()
    /// The model lists plans are estimated and checked against, read once each.
    let modelLists: ModelLists

    init(environment: [String: String], cache: Bool = false) {
        self.environment = environment
        self.configuration = OpenRouterConfiguration.fromEnvironment(environment)
        self.cache = cache
        let configuration = self.configuration
        let endpointKey = APIKey(environment["OPENAI_API_KEY"] ?? "")
        // Without a key nothing is asked of OpenRouter, the model list included: only the cache
        // prices. A plain OpenAI-compatible server needs no key; a model's own endpoint is asked
        // directly (its list is not kept on disk).
        self.modelLists = ModelLists(listing: { endpoint in
            if let endpoint {
                let catalog = ModelCatalog(configuration: configuration.endpoint(endpoint, apiKey: endpointKey))
                return ModelCache.Listing(models: (try? await catalog.models()) ?? [])
            }
            guard configuration.apiKey != nil || configuration.dialect != .openRouter else {
                return ModelCache.Listing(
                    models: ModelCache(path: Self.cachePath(environment), endpoint: configuration.endpointKey)
                        .cachedModels())
            }
            return await Self.modelListing(configuration: configuration, environment: environment)
        })
        for problem in EnvironmentNumber.problems(in: environment) { StandardStreams.error("athanor: \(problem)\n") }
    }

    var location: DatabaseLocation { DatabaseLocation.resolve(environment: environment) }

    /// The run store, connected and migrated.
    func store() async throws -> any RunStore {
        try await postgresStore()
    }

    func postgresStore() async throws -> PostgresRunStore {
        if let store = opened.store { return store }
        let store = try await PostgresRunStore.open(location: location)
        if let started = store.startedCluster {
            StandardStreams.error("athanor: \(started)\n")
        }
        opened.store = store
        return store
    }

    /// What the model lists say of models on these servers (nil: the process's own).
    @Sendable func modelFacts(_ endpoints: [String?]) async -> ModelFacts {
        await modelLists.facts(endpoints: endpoints)
    }

    /// The client for each request's server: the process's own, or the plain OpenAI-compatible
    /// server a model names (`endpoint:`, keyed with `OPENAI_API_KEY` when set). Each is behind
    /// the response cache, keyed by its endpoint, when `--cache` was given or, at the prompt,
    /// while `:set cache on` is in force.
    func provider(settings: SessionSettings? = nil) -> any CompletionProvider {
        EndpointRouter(
            standard: cached(client(for: nil), settings: settings),
            named: { [self] url in cached(client(for: url), settings: settings) })
    }

    /// The client for the process's own server (nil) or a model's endpoint.
    func client(for endpoint: String?) -> OpenRouterClient {
        guard let endpoint else { return OpenRouterClient(configuration: configuration) }
        return OpenRouterClient(
            configuration: configuration.endpoint(endpoint, apiKey: APIKey(environment["OPENAI_API_KEY"] ?? "")))
    }

    /// Where a request would be posted and its exact body, for `--dry-run --full`.
    @Sendable func wire(_ request: CompletionRequest) -> WireRequest {
        client(for: request.endpoint).wireRequest(for: request)
    }

    private func cached(_ client: OpenRouterClient, settings: SessionSettings?) -> any CompletionProvider {
        guard cache || settings != nil else { return client }
        let always = cache
        return CachingProvider(
            base: client, cache: { [self] in try await self.postgresStore() },
            endpoint: client.configuration.endpointKey, isEnabled: { always || settings?.cache == true })
    }

    /// The server's models, from the day-old disk cache of this endpoint or the server; offline the
    /// stale cache or nothing.
    func modelListing() async -> ModelCache.Listing {
        await Self.modelListing(configuration: configuration, environment: environment)
    }

    private static func modelListing(configuration: OpenRouterConfiguration, environment: [String: String]) async
        -> ModelCache.Listing
    {
        let catalog = ModelCatalog(configuration: configuration)
        return await ModelCache(path: cachePath(environment), endpoint: configuration.endpointKey).models(fetch: {
            try await catalog.models()
        })
    }

    private static func cachePath(_ environment: [String: String]) -> String {
        ModelCache.defaultPath(environment: environment, home: environment["HOME"] ?? NSHomeDirectory())
    }

    /// Why requests cannot be sent at all (no API key for OpenRouter), said before any is
    /// attempted; a plain OpenAI-compatible server (`OPENAI_BASE_URL`) may need no key.
    func providerProblem() -> String? {
        configuration.apiKey == nil && configuration.dialect == .openRouter
            ? "no API key: set OPENROUTER_API_KEY (or point OPENROUTER_BASE_URL at a compatible server, such as "
                + "athanor-sim, and set any key), or set OPENAI_BASE_URL for an OpenAI-compatible server"
            : nil
    }

    /// Where requests go and whether a key is set, for the banner: never the key.
    var endpointDescription: String {
        switch configuration.dialect {
        case .openRouter:
            return providerProblem() == nil ? "API key set" : "no API key (set OPENROUTER_API_KEY)"
        case .openAI:
            let key = configuration.apiKey == nil ? "no key" : "key set"
            return "OpenAI-compatible server \(configuration.baseURL) (\(key))"
        }
    }

    /// Where runs are stored, for banners: never a password.
    var databaseDescription: String {
        switch location {
        case .url(let url): return "database " + ConnectionRedaction.redacted(url)
        case .libpqEnvironment: return "database from PG* variables"
        case .privateCluster(let cluster): return "database in \(cluster.directory)"
        }
    }

    func close() async {}

    /// What a command says when the store fails: "the database failed: …", except for a database
    /// this binary must not use (migrated by a newer athanor), whose sentence says it all.
    static func describe(storeFailure error: any Error) -> String {
        if let error = error as? DatabaseError, error.code == .schemaTooNew { return "\(error)" }
        return "the database failed: \(error)"
    }
}

private final class StoreBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: PostgresRunStore?
    var store: PostgresRunStore? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
