import Testing

@testable import AthanorCore

/// Offline replay's matching: by point key and request, each stored answer served once, in order.
@Suite struct StoredResponseProviderTests {
    let request = CompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: "Hi")])

    func result(_ key: String, _ text: String, repeat index: Int = 0) -> ResultValue {
        ResultValue(
            key: key, index: index, modelName: "m", modelID: "m", variables: Record(), parameters: ModelParameters(),
            repeatIndex: index,
            turns: [
                .init(
                    modelName: "m", request: request,
                    completion: Completion(
                        text: text, tokens: nil, usage: .init(promptTokens: 1, completionTokens: 1, cost: 0.5)))
            ],
            error: nil)
    }

    @Test func theSameRequestAtTwoPointsGetsEachPointsOwnAnswer() async throws {
        let provider = StoredResponseProvider()
        provider.load([result("repeat=1", "one", repeat: 1), result("repeat=2", "two", repeat: 2)])
        let second = try await RequestContext.$pointKey.withValue("repeat=2") { try await provider.complete(request) }
        let first = try await RequestContext.$pointKey.withValue("repeat=1") { try await provider.complete(request) }
        #expect(second.text == "two")
        #expect(first.text == "one")
        #expect(first.servedFrom == .replay)
        #expect(first.usage?.cost == 0, "a stored answer costs nothing again")
        #expect(provider.servedCount == 2)
    }

    @Test func aRequestWithNoStoredAnswerIsAnErrorThatIsNotRetried() async throws {
        let provider = StoredResponseProvider()
        provider.load([result("k", "one")])
        var other = request
        other.messages[0].content = "Bye"
        do {
            _ = try await RequestContext.$pointKey.withValue("k") { try await provider.complete(other) }
            Issue.record("expected an error")
        } catch let error as ProviderError {
            #expect(error.code == StoredResponseProvider.notRecorded)
            #expect(!error.isRetryable)
            #expect(error.message.contains("point k"))
        }
    }
}
