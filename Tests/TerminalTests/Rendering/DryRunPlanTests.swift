import Foundation
import Testing

@testable import AthanorCore
@testable import Terminal

/// A dry run's plan: its preview cut to the width only on a terminal, and `--full` printing every
/// request whole.
@Suite struct DryRunPlanTests {
    static let long = String(repeating: "a long filled prompt ", count: 10) + "END"

    static func plan(requests: [PlannedRequest] = []) -> PlanSummary {
        var plan = PlanSummary(
            name: "s", kind: .sweep, summary: "1 request", requests: 1, points: 1, concurrency: 1,
            models: ["openai/gpt-4o-mini"], endpoints: [nil], dryRun: true, cost: CostEstimate(),
            preview: [("model=m", "openai/gpt-4o-mini", [ChatMessage(role: .user, content: long + "\nsecond line")])])
        plan.plannedRequests = requests
        return plan
    }

    /// A pipe or a file has no width (`TerminalStyle.detect`): its preview is whole.
    @Test func thePreviewIsCutToTheWidthOnlyOnATerminal() {
        let terminal = EventRenderer(style: TerminalStyle(color: false, width: 80))
        let pipe = EventRenderer(style: TerminalStyle(color: false, width: nil))
        let cut = terminal.render(.plan(Self.plan())) ?? ""
        #expect(!cut.contains("END"))
        #expect(cut.contains("…"))
        let whole = pipe.render(.plan(Self.plan())) ?? ""
        #expect(whole.contains(Self.long + "↵second line"), "\(whole)")
        #expect(whole.split(separator: "\n").count == 2, "one line per point")
    }

    @Test func fullPlansShowEveryRequestUncutWithItsParamsModelAndURL() {
        let local = ModelHandle(
            name: "local", id: "qwen2.5-7b", parameters: ModelParameters(temperature: 0, maxTokens: 4),
            endpoint: "http://127.0.0.1:8000/v1")
        let point = PlanPoint(
            identity: PointIdentity(coordinatesJSON: "{}", label: "model=local;c=France"), index: 0,
            variables: Record(), repeatIndex: 0,
            turns: [
                PlannedTurn(
                    model: local, parameters: local.parameters,
                    messages: [ChatMessage(role: .user, content: Self.long + "\nsecond line")]),
                PlannedTurn(
                    model: ModelHandle(name: "mini", id: "openai/gpt-4o-mini", parameters: ModelParameters()),
                    parameters: ModelParameters(), messages: [ChatMessage(role: .user, content: "And now?")]),
            ])
        let requests = PlannedRequest.all(of: point, wire: WireRequest.stored)
        #expect(requests.map(\.turn) == [1, 2])
        #expect(
            requests[1].request.messages.map(\.content) == [
                Self.long + "\nsecond line", "⟨answer to turn 1⟩", "And now?",
            ])
        let text =
            EventRenderer(style: TerminalStyle(color: false, width: 40))
            .render(.plan(Self.plan(requests: requests))) ?? ""
        #expect(text.contains("    user: " + Self.long + "\n          second line"), "\(text)")
        #expect(text.contains("local  qwen2.5-7b  →  POST http://127.0.0.1:8000/v1/chat/completions"), "\(text)")
        #expect(text.contains("mini  openai/gpt-4o-mini  →  POST /chat/completions"), "\(text)")
        #expect(text.contains("turn 2 of 2"))
        #expect(!text.contains(#""messages""#), "the messages are shown whole below the params, not in them")
        #expect(text.contains(#""params":{"max_tokens":4,"temperature":0,"top_logprobs":20}"#), "\(text)")
        #expect(!text.contains("… and"), "every request, no preview")
    }
}
