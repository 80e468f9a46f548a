import AthanorCore
import AthanorTestSupport
import PostgresStore
import Testing

/// The response cache table: an identical request (same fingerprint) reads back the first answer.
@Suite struct ResponseCacheTests {
    @Test func anIdenticalRequestReadsBackTheFirstAnswerAndCountsTheHit() async throws {
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: .url(database.url))
        let request = CompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: "Hi ' \u{0}?")])
        let fingerprint = StoredResponseProvider.fingerprint(request)
        #expect(try await store.cachedResponse(fingerprint: fingerprint) == nil)
        let answer = Completion(text: "Hello", tokens: [TokenLogprob(token: "Hello", logprob: -0.1)])
        try await store.storeResponse(fingerprint: fingerprint, request: request, completion: answer)
        try await store.storeResponse(
            fingerprint: fingerprint, request: request, completion: Completion(text: "other", tokens: nil))
        #expect(try await store.cachedResponse(fingerprint: fingerprint)?.text == "Hello")
        var other = request
        other.parameters.temperature = 0.5
        #expect(try await store.cachedResponse(fingerprint: StoredResponseProvider.fingerprint(other)) == nil)
        #expect(try database.connect().execute("SELECT hits FROM response_cache").rows == [["1"]])
    }
}
