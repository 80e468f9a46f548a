import AthanorLanguage
import Testing

@testable import AthanorCore

/// An expression evaluated against one stored result, as `report --histogram` does.
@Suite struct ResultMeasureTests {
    let result = ResultValue(
        key: "k", label: "model=m;truth=true", index: 0, modelName: "m", modelID: "x/m",
        variables: Record([.init("truth", .string("true"))]), parameters: ModelParameters(), repeatIndex: 0,
        turns: [
            .init(
                modelName: "m", request: CompletionRequest(model: "x/m", messages: [], parameters: ModelParameters()),
                completion: Completion(
                    text: "Yes",
                    tokens: [
                        TokenLogprob(
                            token: "Yes", logprob: -0.2231,
                            top: [.init(token: "Yes", logprob: -0.2231), .init(token: " No", logprob: -1.6094)])
                    ]))
        ], error: nil)

    @Test func probabilitiesAndComparisonsOfAResultAreNumbers() async throws {
        #expect(abs(try await ResultMeasure("prob(\"Yes\")", name: "--histogram").number(for: result) - 0.8) < 1e-3)
        #expect(abs(try await ResultMeasure("prob(\"No\")", name: "--histogram").number(for: result) - 0.2) < 1e-3)
        #expect(try await ResultMeasure("truth == \"true\"", name: "--histogram").number(for: result) == 1)
        #expect(try await ResultMeasure("len(tokens)", name: "--histogram").number(for: result) == 1)
    }

    @Test func aValueThatIsNotANumberOrAFailureSaysWhy() async throws {
        let output = try ResultMeasure("output", name: "--histogram")
        await #expect(throws: Diagnostic.self) { try await output.number(for: result) }
        do {
            _ = try await ResultMeasure("contry", name: "--histogram").number(for: result)
            Issue.record("an unknown name has no value")
        } catch {
            #expect(error.message.contains("unknown variable 'contry'"))
        }
    }

    @Test func onlyOneExpressionIsAccepted() {
        #expect(throws: Diagnostic.self) { try ResultMeasure("prob(\"Yes\"", name: "--histogram") }
        #expect(throws: Diagnostic.self) { try ResultMeasure("let x = 1", name: "--histogram") }
        #expect(throws: Diagnostic.self) { try ResultMeasure("", name: "--histogram") }
        do {
            _ = try ResultMeasure("let x = 1", name: "--histogram")
        } catch {
            #expect(error.message == "expected one expression, such as prob(\"Yes\") or entropy(at: 0)")
            #expect(error.range.start.column == 1)
        }
    }
}
