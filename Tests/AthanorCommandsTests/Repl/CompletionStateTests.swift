import AthanorCore
import Terminal
import Testing

@testable import AthanorCommands

@Suite struct CompletionStateTests {
    static let run = Value.run(RunValue(id: 3, name: "s", status: .completed, sessionID: 1, results: []))

    @Test func offersBoundNamesByKindAndFieldsAfterADot() {
        let state = CompletionState(directory: "/tmp", home: "/tmp")
        state.update(bindings: [
            "mini": .model(ModelHandle(name: "mini", id: "openai/gpt-4o-mini", parameters: ModelParameters())),
            "cfg": .record(Record(["depth": .number(2), "deep": .record(Record(["leaf": .null]))])), "s": Self.run,
        ])
        state.update(modelIDs: ["openai/gpt-4o-mini", "openai/gpt-4o"])
        let complete = state.completer
        #expect(complete(TabCompletionRequest(line: "ask m")).candidates == ["mini"])
        #expect(complete(TabCompletionRequest(line: "cfg.de")).candidates == ["deep", "depth"])
        #expect(complete(TabCompletionRequest(line: "cfg.deep.")).candidates == ["leaf"])
        #expect(complete(TabCompletionRequest(line: "s.st")).candidates == ["status"])
        #expect(complete(TabCompletionRequest(line: "model m = \"openai/gpt-4o-")).candidates == ["openai/gpt-4o-mini"])
        #expect(complete(TabCompletionRequest(line: "perp")).candidates == ["perplexity"])
    }

    @Test func pathsWithIndexesFollowListsAndStopAtUnknowns() {
        let values: [String: Value] = ["xs": .list([.record(Record(["a": .number(1)]))])]
        #expect(CompletionState.value(at: "xs[0]", in: values)?.fieldNames == ["a"])
        #expect(CompletionState.value(at: "xs[5]", in: values) == nil)
        #expect(CompletionState.value(at: "nope.a", in: values) == nil)
    }
}
