import Foundation
import Testing

@testable import AthanorCore

/// Which plans stream, and what reaches the output while they do.
@Suite struct LiveAnswerTests {
    static let mini = ModelHandle(name: "mini", id: "openai/gpt-4o-mini", parameters: ModelParameters())

    static func plan(_ kind: Plan.Kind, points: Int = 1, turns: Int = 1) -> Plan {
        let point = { (i: Int) in
            PlanPoint(
                identity: PointIdentity(coordinates: ["i": .number(Double(i))], label: "p\(i)"), index: i,
                variables: Record(), repeatIndex: 0,
                turns: Array(
                    repeating: PlannedTurn(
                        model: mini, parameters: ModelParameters(), messages: [ChatMessage(role: .user, content: "Hi")]),
                    count: turns))
        }
        return Plan(
            name: "ask", kind: kind, points: (0..<points).map(point), concurrency: 1, dimensions: [], definition: .null)
    }

    @Test func onlyAOnePointOneTurnAskStreams() {
        let output = LiveLog()
        let settings = SessionSettings()
        #expect(LiveAnswer.relay(for: Self.plan(.ask), output: output, settings: settings) != nil)
        #expect(LiveAnswer.relay(for: Self.plan(.ask, points: 2), output: output, settings: settings) == nil)
        #expect(LiveAnswer.relay(for: Self.plan(.sweep), output: output, settings: settings) == nil)
        #expect(LiveAnswer.relay(for: Self.plan(.conversation, turns: 2), output: output, settings: settings) == nil)
    }

    @Test func notForOutputsThatDoNotShowItNorWithStreamOff() throws {
        #expect(LiveAnswer.relay(for: Self.plan(.ask), output: EventLog(), settings: SessionSettings()) == nil)
        let off = SessionSettings()
        try off.assign("stream", "off")
        #expect(LiveAnswer.relay(for: Self.plan(.ask), output: LiveLog(), settings: off) == nil)
    }

    @Test func piecesReachTheOutputWithTheModelAndAttempt() throws {
        let output = LiveLog()
        let relay = try #require(LiveAnswer.relay(for: Self.plan(.ask), output: output, settings: SessionSettings()))
        relay(CompletionDelta(text: " Pa"), 1)
        relay(CompletionDelta(text: "ris"), 2)
        #expect(output.pieces.map(\.delta.text) == [" Pa", "ris"])
        #expect(output.pieces.map(\.attempt) == [1, 2])
        #expect(output.pieces.allSatisfy { $0.modelName == "mini" && $0.modelID == "openai/gpt-4o-mini" })
    }
}

/// An output that shows live answers, keeping their pieces.
final class LiveLog: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var received: [AnswerDelta] = []
    var showsLiveAnswers: Bool { true }
    func emit(_ event: CellEvent) {
        if case .answerDelta(let piece) = event { lock.withLock { received.append(piece) } }
    }
    var pieces: [AnswerDelta] { lock.withLock { received } }
}
