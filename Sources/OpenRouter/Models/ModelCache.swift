import AthanorCore
import Foundation

/// The model list kept on disk for a day, so completion and `:models` need no request each time and still
/// work offline: `$XDG_CACHE_HOME/athanor/models.json`, else `~/.cache/athanor/models.json`. The file
/// names the endpoint it was fetched from; another server's list, or one written before endpoints
/// were recorded, is not served (it is fetched again, and replaced).
public struct ModelCache: Sendable {
    /// What a lookup found, and a one-line note when it is not fresh from the server.
    public struct Listing: Sendable {
        public var models: [ModelInfo]
        public var note: String?

        public init(models: [ModelInfo], note: String? = nil) {
            self.models = models
            self.note = note
        }
    }

    public let path: String
    /// The server whose list this is (`OpenRouterConfiguration.endpointKey`).
    public let endpoint: String
    public var maximumAge: TimeInterval = 24 * 60 * 60

    public init(path: String, endpoint: String) {
        self.path = path
        self.endpoint = endpoint
    }

    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment, home: String = NSHomeDirectory()
    ) -> String {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.cache"
        return cache + "/athanor/models.json"
    }

    /// The cached list while it is younger than `maximumAge`; else fetched and stored; offline the cache
    /// however old, or nothing, with a note saying so.
    public func models(fetch: @Sendable () async throws -> [ModelInfo], now: Date = Date()) async -> Listing {
        let cached = read()
        if let cached, now.timeIntervalSince(cached.fetchedAt) < maximumAge, !cached.models.isEmpty {
            return Listing(models: cached.models, note: nil)
        }
        do {
            let models = try await fetch()
            write(models, fetchedAt: now)
            return Listing(models: models, note: nil)
        } catch {
            if let cached {
                return Listing(
                    models: cached.models,
                    note: "the model list could not be refreshed (\(error)); showing the cached list")
            }
            return Listing(models: [], note: "the model list is unavailable: \(error)")
        }
    }

    /// The cached list however old, without asking the server; nothing when there is no cache.
    public func cachedModels() -> [ModelInfo] {
        read()?.models ?? []
    }

    func read() -> (models: [ModelInfo], fetchedAt: Date)? {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue.parse(Array(data)),
            let fetched = json["fetched_at"]?.doubleValue, json["endpoint"]?.stringValue == endpoint
        else { return nil }
        let models = (json["models"]?.arrayValue ?? []).compactMap(ModelInfo.init(cacheValue:))
        return (models, Date(timeIntervalSince1970: fetched))
    }

    /// Best effort: a cache that cannot be written only costs a request next time.
    func write(_ models: [ModelInfo], fetchedAt: Date) {
        let document: JSONValue = [
            "endpoint": .string(endpoint), "fetched_at": .number(fetchedAt.timeIntervalSince1970),
            "models": .array(models.map(\.cacheValue)),
        ]
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data(document.serialized().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
