import AthanorCore
import AthanorTestSupport
import Foundation
import OpenRouter
import Testing

@Suite struct ModelCatalogTests {
    /// The shape of OpenRouter's `GET /models` entries (trimmed to the fields read, plus noise that is ignored).
    static let body = """
        {"data": [
          {"id": "openai/gpt-4o-mini", "name": "OpenAI: GPT-4o-mini", "created": 1721260800,
           "pricing": {"prompt": "0.00000015", "completion": "0.0000006", "request": "0"},
           "supported_parameters": ["logprobs", "max_tokens", "temperature", "top_logprobs"],
           "architecture": {"modality": "text->text"}},
          {"id": "google/gemini-2.5-flash", "name": "Google: Gemini 2.5 Flash",
           "pricing": {"prompt": "0.0000003", "completion": "0.0000025"},
           "supported_parameters": ["max_tokens", "temperature"]},
          {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}},
          {"name": "no id, skipped"}
        ]}
        """

    @Test func decodesIdsPricesPerMillionAndLogprobsSupport() throws {
        let models = ModelInfo.listing(from: try JSONValue.parse(Self.body))
        #expect(models.map(\.id) == ["openai/gpt-4o-mini", "google/gemini-2.5-flash", "openrouter/auto"])
        #expect(models[0].supportsLogprobs && !models[1].supportsLogprobs)
        #expect(abs((models[0].promptPricePerMillion ?? 0) - 0.15) < 1e-9)
        #expect(abs((models[1].completionPricePerMillion ?? 0) - 2.5) < 1e-9)
        #expect(models[2].promptPricePerMillion == nil, "-1 means the price varies, not a negative price")
        #expect(models[2].name == "openrouter/auto")
    }

    @Test func anEntryLacksLogprobsOnlyWhenItListsItsParametersWithoutThem() throws {
        let body = """
            {"data": [
              {"id": "a/full", "supported_parameters": ["logprobs", "top_logprobs", "seed"]},
              {"id": "a/half", "supported_parameters": ["logprobs", "seed"]},
              {"id": "a/none", "supported_parameters": ["seed"]},
              {"id": "local-model"}
            ]}
            """
        let models = ModelInfo.listing(from: try JSONValue.parse(body))
        #expect(models.map(\.lacksLogprobs) == [false, true, true, false], "a list without parameters is unknown")
    }

    @Test func fetchesFromTheSimulatorAndCachesForADay() async throws {
        let simulator = try SimulatorProcess.start()
        defer { simulator.stop() }
        let catalog = ModelCatalog(
            configuration: OpenRouterConfiguration(baseURL: simulator.baseURL.absoluteString, apiKey: APIKey("sk-test"))
        )
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("athanor-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ModelCache(
            path: folder.appendingPathComponent("athanor/models.json").path, endpoint: catalog.configuration.endpointKey
        )

        let fresh = await cache.models(fetch: { try await catalog.models() })
        #expect(fresh.note == nil)
        #expect(fresh.models.count == 4)
        #expect(fresh.models.first { $0.id == "google/gemini-2.5-flash" }?.supportsLogprobs == false)

        let offline: @Sendable () async throws -> [ModelInfo] = {
            throw ProviderError(code: .connectionFailed, message: "offline")
        }
        let cached = await cache.models(fetch: offline)
        #expect(cached.models.count == 4 && cached.note == nil, "within a day the cache answers without asking")
        let stale = await cache.models(fetch: offline, now: Date().addingTimeInterval(2 * 86_400))
        #expect(stale.models.count == 4)
        #expect(stale.note?.contains("cached") == true)
    }

    @Test func offlineWithoutACacheIsAnEmptyListAndANote() async {
        let cache = ModelCache(path: "/nonexistent-\(UUID().uuidString)/models.json", endpoint: "openRouter x")
        let listing = await cache.models(fetch: { throw ProviderError(code: .connectionFailed, message: "offline") })
        #expect(listing.models.isEmpty)
        #expect(listing.note?.hasPrefix("the model list is unavailable") == true)
    }

    @Test func anotherEndpointsListIsNotServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("athanor-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("athanor/models.json").path
        let serverA = ModelCache(path: path, endpoint: "openAI http://127.0.0.1:1/v1")
        let serverB = ModelCache(path: path, endpoint: "openAI http://127.0.0.1:2/v1")
        let listA = await serverA.models(fetch: {
            [
                ModelInfo(
                    id: "a/model", name: "A", promptPricePerMillion: nil, completionPricePerMillion: nil,
                    supportsLogprobs: true)
            ]
        })
        #expect(listA.models.map(\.id) == ["a/model"])
        let listB = await serverB.models(fetch: {
            [
                ModelInfo(
                    id: "b/model", name: "B", promptPricePerMillion: nil, completionPricePerMillion: nil,
                    supportsLogprobs: true)
            ]
        })
        #expect(listB.models.map(\.id) == ["b/model"], "server A's fresh list must not answer for server B")
        let offlineA = await serverA.models(fetch: { throw ProviderError(code: .connectionFailed, message: "offline") })
        #expect(offlineA.models.isEmpty, "B's list, now on disk, is not A's")
    }

    @Test func theCacheFollowsXDG() {
        #expect(
            ModelCache.defaultPath(environment: ["XDG_CACHE_HOME": "/x/cache"], home: "/h")
                == "/x/cache/athanor/models.json")
        #expect(ModelCache.defaultPath(environment: [:], home: "/h") == "/h/.cache/athanor/models.json")
    }
}
