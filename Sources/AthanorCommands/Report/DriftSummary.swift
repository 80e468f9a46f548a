import AthanorCore
import Foundation

/// `athanor report A B`: how far run B drifted from run A, with the measures `compare` and
/// `replay --diff` give (`RunComparison`: top-1 agreement, mean |Δ logprob|, KL over the shared
/// top-k), a scatter of each shared point's first-token probability in A against B, and the
/// points whose answer changed.
struct DriftSummary {
    let comparison: RunComparison
    /// Each shared point's first-token probability in the old and the new run.
    let firstTokenPairs: [(label: String, old: Double, new: Double)]

    init(old: RunValue, new: RunValue) {
        comparison = RunComparison(old: old, new: new)
        let newByKey = Dictionary(new.results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        firstTokenPairs = old.results.compactMap { result in
            guard let before = result.completion?.tokens?.first?.probability,
                let after = newByKey[result.key]?.completion?.tokens?.first?.probability
            else { return nil }
            return (result.label, before, after)
        }
    }

    var html: String {
        let drift = comparison.drift
        func measure(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "—" }
        let rows: [(String, String)] = [
            ("points", "\(comparison.points.count)"), ("shared", "\(comparison.shared)"),
            ("changed", "\(comparison.changed.count)"), ("same output", measure(1 - comparison.changedShare)),
            ("top-1 agreement", measure(drift.topOneAgreement)),
            ("mean |Δlogprob|", measure(drift.meanAbsoluteLogprobDelta)), ("KL", measure(drift.meanDivergence)),
        ]
        var html =
            "<section class=\"drift\" id=\"drift\"><h2>drift: run \(comparison.oldRunID) → run \(comparison.newRunID)</h2>"
            + "<div class=\"drift-body\"><table class=\"measures\"><tbody>"
            + rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td class=\"n\">\($0.1)</td></tr>" }.joined()
            + "</tbody></table>" + scatter + "</div>"
        if comparison.shared == 0 && !comparison.points.isEmpty {
            html += "<p class=\"warn\">the runs share no point (no two points have the same coordinates): "
            html += "every point counts as changed</p>"
        }
        let changed = comparison.changed
        if changed.isEmpty {
            html += "<p>no answer changed (\(comparison.points.count) points compared)</p>"
        } else {
            html += "<h3>changed points</h3><table class=\"changed\"><thead><tr><th>point</th><th>run "
            html += "\(comparison.oldRunID)</th><th>run \(comparison.newRunID)</th><th>top-1</th></tr></thead><tbody>"
            for point in changed {
                html +=
                    "<tr><td>" + HTMLText.escape(point.label) + "</td><td>"
                    + HTMLText.escape(point.oldOutput ?? "(no such point)") + "</td><td>"
                    + HTMLText.escape(point.newOutput ?? "(no such point)") + "</td><td class=\"n\">"
                    + measure(point.drift.topOneAgreement) + "</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>"
    }

    /// First-token probability, old run across and new run up: points off the diagonal moved.
    var scatter: String {
        let size = 240.0
        let margin = 30.0
        let plot = size - 2 * margin
        func x(_ p: Double) -> String { HistogramSVG.format(margin + min(max(p, 0), 1) * plot) }
        func y(_ p: Double) -> String { HistogramSVG.format(size - margin - min(max(p, 0), 1) * plot) }
        var svg =
            "<svg class=\"scatter\" role=\"img\" width=\"\(Int(size))\" height=\"\(Int(size))\" "
            + "viewBox=\"0 0 \(Int(size)) \(Int(size))\" data-points=\"\(firstTokenPairs.count)\" "
            + "aria-label=\"first-token probability, run \(comparison.oldRunID) against run \(comparison.newRunID)\">"
            + "<line class=\"diag\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\"/>"
            + "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(0))\"/>"
            + "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(0))\" y2=\"\(y(1))\"/>"
        for pair in firstTokenPairs {
            svg +=
                "<circle class=\"pt\" cx=\"\(x(pair.old))\" cy=\"\(y(pair.new))\" r=\"3\"><title>"
                + HTMLText.escape(pair.label) + ": \(Self.probability(pair.old)) → "
                + "\(Self.probability(pair.new))</title></circle>"
        }
        svg +=
            "<text x=\"\(HistogramSVG.format(size / 2))\" y=\"\(Int(size - 6))\" text-anchor=\"middle\">"
            + "p(first) run \(comparison.oldRunID)</text><text x=\"12\" y=\"\(HistogramSVG.format(size / 2))\" "
            + "text-anchor=\"middle\" transform=\"rotate(-90 12 \(HistogramSVG.format(size / 2)))\">"
            + "p(first) run \(comparison.newRunID)</text></svg>"
        return svg
    }

    static func probability(_ p: Double) -> String { String(format: "%.3g", p) }
}
