import Testing

@testable import AthanorCore

@Suite struct CostEstimateTests {
    static let mini = ModelHandle(name: "mini", id: "openai/gpt-4o-mini", parameters: ModelParameters())
    static let local = ModelHandle(name: "local", id: "local/unlisted", parameters: ModelParameters())
    /// $1 per million prompt tokens, $2 per million completion tokens.
    static let prices = ["openai/gpt-4o-mini": ModelPrice(promptPerMillion: 1, completionPerMillion: 2)]

    static func point(_ index: Int, _ turns: [PlannedTurn]) -> PlanPoint {
        PlanPoint(
            identity: PointIdentity(coordinatesJSON: "{\"i\":\(index)}", label: "i=\(index)"), index: index,
            variables: Record(), repeatIndex: 0, turns: turns)
    }

    static func turn(_ model: ModelHandle, maxTokens: Int, _ messages: [ChatMessage]) -> PlannedTurn {
        PlannedTurn(model: model, parameters: ModelParameters(maxTokens: maxTokens), messages: messages)
    }

    @Test func promptTokensAreCharactersOverFourRoundedUpPlusAnOverheadPerMessage() {
        #expect(CostEstimate.tokens(of: []) == 0)
        #expect(CostEstimate.tokens(of: [ChatMessage(role: .user, content: "")]) == 4)
        #expect(CostEstimate.tokens(of: [ChatMessage(role: .user, content: "abcd")]) == 5)
        #expect(CostEstimate.tokens(of: [ChatMessage(role: .user, content: "abcde")]) == 6)
        #expect(
            CostEstimate.tokens(of: [
                ChatMessage(role: .system, content: String(repeating: "x", count: 40)),
                ChatMessage(role: .user, content: "é日本"),
            ]) == 14 + 5, "characters, not bytes")
    }

    @Test func aPricedPlanCostsItsPromptAndAllItsMaxTokens() {
        // 400 characters → 100 + 4 + 3 = 107 prompt tokens, 10 completion tokens, per request.
        let message = ChatMessage(role: .user, content: String(repeating: "a", count: 400))
        let points = (0..<3).map { Self.point($0, [Self.turn(Self.mini, maxTokens: 10, [message])]) }
        let cost = CostEstimate.of(points, prices: Self.prices)
        #expect(cost.promptTokens == 321)
        #expect(cost.completionTokens == 30)
        #expect(cost.pricedRequests == 3)
        #expect(abs(cost.dollars - (321.0 * 1 + 30.0 * 2) / 1_000_000) < 1e-12)
        #expect(cost.isComplete)
        #expect(cost.text == "≈ $0.000381 (at most, with max_tokens)")
    }

    @Test func aConversationsLaterTurnCarriesTheTurnsBeforeItAndTheirLongestAnswers() {
        let first = ChatMessage(role: .user, content: "abcd")  // 5 tokens
        let second = ChatMessage(role: .user, content: "abcdefgh")  // 6 tokens
        let cost = CostEstimate.of(
            [
                Self.point(
                    0, [Self.turn(Self.mini, maxTokens: 20, [first]), Self.turn(Self.mini, maxTokens: 20, [second])])
            ], prices: Self.prices)
        // Turn 1: 3 + 5. Turn 2: 3 + (5 + 20 + 4) + 6.
        #expect(cost.promptTokens == 8 + 38)
        #expect(cost.completionTokens == 40)
    }

    @Test func aScoringChainCountsEveryRequestItMaySend() {
        let message = ChatMessage(role: .user, content: "abcd")  // 5 tokens
        var point = Self.point(0, [Self.turn(Self.mini, maxTokens: 1, [message])])
        point.score = "Lima"  // 4 bytes: at most 4 requests, each with "Lima" (5 tokens) as prefill
        let cost = CostEstimate.of([point], prices: Self.prices)
        #expect(cost.pricedRequests == 4)
        #expect(cost.promptTokens == 4 * (3 + 5 + 5))
        #expect(cost.completionTokens == 4)
    }

    @Test func aModelWithoutAPriceIsNamedAndAddsNothing() {
        let message = ChatMessage(role: .user, content: "abcd")
        let mixed = CostEstimate.of(
            [
                Self.point(0, [Self.turn(Self.mini, maxTokens: 1, [message])]),
                Self.point(1, [Self.turn(Self.local, maxTokens: 1, [message])]),
            ], prices: Self.prices)
        #expect(!mixed.isComplete)
        #expect(mixed.unpricedModels == ["local/unlisted"])
        #expect(abs(mixed.dollars - (8.0 + 2.0) / 1_000_000) < 1e-12)
        #expect(mixed.text == "≈ $0.00001 (at most, with max_tokens); cost unknown for local/unlisted")

        let none = CostEstimate.of([Self.point(0, [Self.turn(Self.local, maxTokens: 1, [message])])], prices: [:])
        #expect(none.text == "cost unknown (no price for local/unlisted)")
        #expect((mixed + none).unpricedModels == ["local/unlisted"])
        #expect((mixed + none).pricedRequests == 1)
    }

    @Test func aVariantIsPricedAsItsBaseModel() {
        #expect(ModelPrice.lookup("openai/gpt-4o-mini:nitro", in: Self.prices)?.promptPerMillion == 1)
        #expect(ModelPrice.lookup("openai/gpt-4o", in: Self.prices) == nil)
    }

    @Test func dollarsShowThreeSignificantDigitsBelowADollar() {
        #expect(CostEstimate.format(0) == "$0")
        #expect(CostEstimate.format(0.0123) == "$0.0123")
        #expect(CostEstimate.format(0.00000688) == "$0.00000688")
        #expect(CostEstimate.format(0.000001) == "$0.000001")
        #expect(CostEstimate.format(0.5) == "$0.5")
        #expect(CostEstimate.format(12.5) == "$12.50")
    }
}
