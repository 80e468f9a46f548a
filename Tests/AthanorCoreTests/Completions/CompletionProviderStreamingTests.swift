import Synchronization
import Testing

@testable import AthanorCore

/// Providers that cannot stream still answer `stream`: the whole answer as one piece.
@Suite struct CompletionProviderStreamingTests {
    let request = CompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: "Hi")])

    @Test func aStoredAnswerArrivesAsOnePieceWithItsTokens() async throws {
        let provider = StoredResponseProvider()
        let tokens = [TokenLogprob(token: "Hel", logprob: -0.1), TokenLogprob(token: "lo", logprob: -0.2)]
        provider.load([
            ResultValue(
                key: "k", index: 0, modelName: "m", modelID: "m", variables: Record(), parameters: ModelParameters(),
                repeatIndex: 0,
                turns: [
                    .init(
                        modelName: "m", request: request,
                        completion: Completion(provider: "P", text: "Hello", tokens: tokens))
                ],
                error: nil)
        ])
        let pieces = Mutex<[CompletionDelta]>([])
        let completion = try await RequestContext.$pointKey.withValue("k") {
            try await provider.stream(request) { delta in pieces.withLock { $0.append(delta) } }
        }
        #expect(completion.text == "Hello")
        #expect(pieces.withLock { $0 } == [CompletionDelta(text: "Hello", tokens: tokens, provider: "P")])
    }

    @Test func aFailureHandsOnNothing() async throws {
        let provider = StoredResponseProvider()
        let pieces = Mutex(0)
        await #expect(throws: ProviderError.self) {
            _ = try await provider.stream(request) { _ in pieces.withLock { $0 += 1 } }
        }
        #expect(pieces.withLock { $0 } == 0)
    }
}
