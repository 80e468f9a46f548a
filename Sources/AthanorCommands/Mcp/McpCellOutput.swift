import AthanorCore
import Foundation
import Terminal

/// What a script run through `run_script` showed, kept instead of printed (standard output is
/// the JSON-RPC channel): the text `athanor run` would have printed, without colour; each plan;
/// the runs it made.
final class McpCellOutput: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private let renderer: EventRenderer
    private var lines: [String] = []
    private var plans: [PlanSummary] = []
    private var runs: [Int64] = []
    /// Lines already taken for a stored cell (`takeCaptured`).
    private var taken = 0

    init(topAlternatives: Int = 5) {
        renderer = EventRenderer(style: TerminalStyle(color: false, width: 120), topAlternatives: topAlternatives)
    }

    /// Points of a plan whose first messages are shown (the rest are counted): enough to check
    /// the prompt is filled as meant, in few of the model's tokens.
    static let previewedPoints = 5

    func emit(_ event: CellEvent) {
        if case .progress = event { return }
        var event = event
        if case .plan(var plan) = event {
            plan.preview = Array(plan.preview.prefix(Self.previewedPoints))
            event = .plan(plan)
        }
        lock.withLock {
            switch event {
            case .plan(let plan): plans.append(plan)
            case .answers(let run, _), .runFinished(let run, _): runs.append(run.id)
            default: break
            }
            if let text = renderer.render(event) { lines.append(text) }
        }
    }

    /// Everything printed so far, as one text.
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    /// What was printed since the last call: the stored cell's output.
    func takeCaptured() -> String {
        lock.withLock {
            defer { taken = lines.count }
            return lines[taken...].map { $0 + "\n" }.joined()
        }
    }

    var runIDs: [Int64] { lock.withLock { runs } }

    /// The plans, each as JSON with at most `previewedPoints` of its points' first messages.
    func plansJSON() -> JSONValue {
        .array(lock.withLock { plans }.map(\.jsonValue))
    }
}
