import AthanorCore
import Foundation

/// Renders a cell's events as terminal text (colour only when the style allows it).
public struct EventRenderer: Sendable {
    public var style: TerminalStyle
    /// Alternatives shown per token (`:set top N`).
    public var topAlternatives: Int

    public init(style: TerminalStyle, topAlternatives: Int = 5) {
        self.style = style
        self.topAlternatives = topAlternatives
    }

    /// The text for one event; nil for events that have no lasting text (progress, and the pieces
    /// of a live answer, which `renderLive` writes as they come).
    public func render(_ event: CellEvent) -> String? {
        switch event {
        case .plan(let plan): return renderPlan(plan)
        case .progress, .answerDelta: return nil
        case .answers(let run, let totals): return renderAnswers(run, totals)
        case .runFinished(let run, let totals): return runLine(run, totals)
        case .assertion(let report): return AssertionText(style: style).render(report)
        case .table(let table): return TableRenderer(style: style).render(table)
        case .value(let value): return renderValue(value)
        case .text(let text): return text
        case .warning(let text): return style.paint("warning: ", .yellow) + text
        }
    }

    func renderPlan(_ plan: PlanSummary) -> String {
        let verb = plan.dryRun ? "would send" : "sends"
        var line = style.paint(plan.kind == .ask ? plan.name : "sweep \(plan.name)", .bold) + " \(verb) \(plan.summary)"
        if plan.requests > 1 { line += ", up to \(min(plan.concurrency, plan.points)) at once" }
        line += ", " + plan.cost.text
        guard plan.dryRun else { return line }
        var lines = [line]
        if !plan.plannedRequests.isEmpty {
            for request in plan.plannedRequests {
                lines.append(contentsOf: PlannedRequestText(style: style).lines(request))
            }
            return lines.joined(separator: "\n")
        }
        for point in plan.preview {
            let prompt = point.messages.map { "\($0.role.rawValue): \($0.content)" }.joined(separator: " | ")
            let line = "\(point.key)  \(point.model)  \(prompt)"
            lines.append("  " + (style.width.map { TextLayout.fit(line, $0 - 2) } ?? line.replacingNewlines()))
        }
        if plan.points > plan.preview.count { lines.append("  … and \(plan.points - plan.preview.count) more points") }
        return lines.joined(separator: "\n")
    }

    /// An `ask`'s answers: per answer a heading, its text coloured by probability, its tokens.
    /// With `shownLive`, the one answer's heading and text are already on screen (`renderLive`
    /// wrote them as they arrived), so only what follows them is rendered.
    public func renderAnswers(_ run: RunValue, _ totals: RunTotals, shownLive: Bool = false) -> String {
        var blocks: [String] = []
        let live = shownLive && run.results.count == 1
        for result in run.results {
            var lines: [String] = []
            let served = [result.completion?.model ?? result.modelID, result.completion?.provider].compactMap { $0 }
                .joined(separator: " · ")
            if !live { lines.append(style.paint(result.modelName, .bold) + "  " + style.paint(served, .dim)) }
            if let error = result.error {
                lines.append(style.paint("  error: ", .red) + error)
                blocks.append(lines.joined(separator: "\n"))
                continue
            }
            // A conversation shows every turn's answer, each under its number and model; a scoring
            // chain's steps are one answer.
            let answers: [(heading: String?, completion: Completion)] =
                result.score == nil && result.turns.count > 1
                ? result.turns.enumerated().map {
                    ("turn \($0.offset + 1) · \($0.element.modelName)", $0.element.completion)
                }
                : result.completion.map { [(nil, $0)] } ?? []
            for (heading, completion) in answers {
                if let heading { lines.append("  " + style.paint(heading, .dim)) }
                // A scoring chain stopped before its first token has no tokens to draw.
                if result.score != nil, completion.tokens?.isEmpty ?? true { continue }
                if let tokens = completion.tokens {
                    if !live { lines.append("  " + paint(tokens)) }
                    lines.append(tokenTable(tokens))
                } else {
                    if !live { lines.append("  " + completion.text.replacingNewlines()) }
                    lines.append(
                        "  " + style.paint("no logprobs from \(completion.provider ?? "the provider")", .yellow))
                }
                if let reason = completion.finishReason, reason != "stop" {
                    lines.append("  " + style.paint("finish: \(reason)", .dim))
                }
            }
            if let chain = result.score { lines.append("  " + style.paint(scoreLine(chain), .dim)) }
            if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
        }
        blocks.append(runLine(run, totals))
        return blocks.joined(separator: "\n")
    }

    /// What a scoring chain found: the continuation's probability, or where it left the top lists.
    func scoreLine(_ chain: ScoreChain) -> String {
        let steps = chain.tokens.count
        if let logprob = chain.logprob {
            return
                "P(\"\(chain.continuation)\") = \(TextLayout.percent(exp(logprob))) (logprob \(Value.format(logprob))) "
                + "in \(steps) step\(steps == 1 ? "" : "s")"
        }
        guard let stop = chain.stop else { return "scoring of \"\(chain.continuation)\" unfinished" }
        let bound =
            chain.upperBound.map {
                ", so P(\"\(chain.continuation)\") is below "
                    + TextLayout.percent(exp($0)).replacingOccurrences(of: "<", with: "")
            } ?? ""
        return "scoring stopped at step \(stop.step) after \(chain.stoppedAt ?? 0) of \(chain.continuation.count) "
            + "characters: the rest is not in that step's top list\(bound)"
    }

    /// A piece of a live answer as it should appear, continuing the line of the pieces before it.
    /// The first piece of an attempt (`opening`) starts with the answer's heading, as the whole
    /// answer would show it, and a later attempt says which it is. Tokens are coloured by their
    /// probability; text that came without tokens is shown plain.
    public func renderLive(_ piece: AnswerDelta, opening: Bool) -> String {
        let delta = piece.delta
        var text = ""
        if opening {
            let served = [delta.model ?? piece.modelID, delta.provider].compactMap { $0 }.joined(separator: " · ")
            text += style.paint(piece.modelName, .bold) + "  " + style.paint(served, .dim)
            if piece.attempt > 1 { text += style.paint("  (attempt \(piece.attempt))", .yellow) }
            text += "\n  "
        }
        let body = delta.tokens.isEmpty ? delta.text.replacingNewlines() : paint(delta.tokens)
        // A CRLF split between two pieces leaves a lone CR, which would send the cursor back.
        return text + body.replacingOccurrences(of: "\r", with: "↵")
    }

    /// Tokens joined, each coloured by its probability, with line breaks made visible.
    func paint(_ tokens: [TokenLogprob]) -> String {
        tokens.map { style.paint($0.token, probability: $0.probability) }.joined().replacingNewlines()
    }

    func tokenTable(_ tokens: [TokenLogprob]) -> String {
        let rows = tokens.enumerated().map { i, token -> [String] in
            let top = token.top.sorted { $0.logprob > $1.logprob }.prefix(topAlternatives)
                .map { TextLayout.visible($0.token) + " " + TextLayout.percent($0.probability) }
                .joined(separator: "  ")
            let bar = TextLayout.pad(ProbabilityBar.render(token.probability), 8)
            return ["\(i)", TextLayout.visible(token.token), TextLayout.percent(token.probability), bar]
                + (topAlternatives > 0 ? [top] : [])
        }
        let columns = ["#", "token", "prob", "p"] + (topAlternatives > 0 ? ["top \(topAlternatives)"] : [])
        let table = TableRenderer(style: style.indented(by: 2))
            .render(columns: columns, rows: rows)
        return table.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    func runLine(_ run: RunValue, _ totals: RunTotals) -> String {
        var parts = ["run \(run.id) \(run.status.rawValue)"]
        parts.append("\(totals.points) point\(totals.points == 1 ? "" : "s")")
        if totals.failures > 0 { parts.append(style.paint("\(totals.failures) failed", .red)) }
        if totals.withoutLogprobs > 0 {
            parts.append(style.paint("\(totals.withoutLogprobs) answered without logprobs", .yellow))
        }
        if totals.requests != totals.points { parts.append("\(totals.requests) requests") }
        parts.append("\(totals.promptTokens)+\(totals.completionTokens) tokens")
        parts.append(String(format: "$%.6f", totals.cost))
        parts.append(duration(totals.wallMilliseconds))
        if totals.requests > 1 { parts.append("mean latency " + duration(totals.meanLatencyMilliseconds)) }
        let paint: TerminalStyle.Paint = run.status == .completed ? .dim : .red
        return style.paint(parts.joined(separator: " · "), paint)
    }

    func duration(_ ms: Double) -> String {
        ms < 1000 ? String(format: "%.0f ms", ms) : String(format: "%.2f s", ms / 1000)
    }

    func renderValue(_ value: Value) -> String {
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy(\.isTokenRecord):
            let tokens = items.compactMap(Self.token)
            return tokenTable(tokens)
        case .list(let items)
        where !items.isEmpty && items.allSatisfy({ if case .record = $0 { true } else { false } }):
            let records = items.compactMap { if case .record(let r) = $0 { r } else { nil } }
            var keys: [String] = []
            for r in records { for k in r.keys where !keys.contains(k) { keys.append(k) } }
            return TableRenderer(style: style).render(
                columns: keys, rows: records.map { r in keys.map { ValueText.cell(r[$0] ?? .null) } })
        case .record(let record):
            let width = record.keys.map { TextLayout.width($0) }.max() ?? 0
            return record.fields.map { TextLayout.pad($0.key, width) + "  " + $0.value.description }.joined(
                separator: "\n")
        case .run(let run):
            return TableRenderer(style: style).render(
                ResultTable(
                    title: run.description, columns: ["point", "model", "output"],
                    rows: run.results.map {
                        [
                            .value(.string($0.label)), .value(.string($0.modelName)),
                            $0.error.map(TableCell.error) ?? .value(.string($0.output)),
                        ]
                    }))
        default:
            return value.description
        }
    }

    static func token(_ value: Value) -> TokenLogprob? {
        guard case .record(let r) = value, case .string(let text)? = r["text"], case .number(let lp)? = r["logprob"]
        else { return nil }
        let top = (r["top"]?.listValue ?? []).compactMap { alt -> TokenLogprob.Alternative? in
            guard case .record(let a) = alt, case .string(let t)? = a["text"], case .number(let l)? = a["logprob"]
            else { return nil }
            return TokenLogprob.Alternative(token: t, logprob: l)
        }
        return TokenLogprob(token: text, logprob: lp, top: top)
    }
}
