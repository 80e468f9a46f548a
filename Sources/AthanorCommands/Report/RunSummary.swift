import AthanorCore
import Foundation

/// The head of a run's section: what it was (its definition), how it ended, and what it cost, as
/// the database sums them (`StoredRun.totals`).
enum RunSummary {
    static func html(_ run: StoredRun) -> String {
        let totals = run.totals
        var facts: [(String, String)] = [
            ("status", run.status.rawValue),
            (
                "points",
                "\(totals.points)"
                    + (run.plannedPoints > totals.points ? " of \(run.plannedPoints) planned" : "")
                    + (totals.failures > 0 ? ", \(totals.failures) failed" : "")
                    + (totals.withoutLogprobs > 0 ? ", \(totals.withoutLogprobs) without logprobs" : "")
            ),
            ("requests", "\(totals.requests)"),
            (
                "tokens",
                "\(totals.promptTokens) prompt + \(totals.completionTokens) completion"
            ),
            ("cost", String(format: "$%.6f", totals.cost)),
            ("mean latency", "\(Int(totals.meanLatencyMilliseconds.rounded())) ms"),
        ]
        if let session = run.sessionID { facts.append(("session", "\(session)")) }
        if let started = run.startedAt { facts.append(("started", RunListing.time(started))) }
        if let ended = run.completedAt { facts.append(("ended", RunListing.time(ended))) }
        if let error = run.error { facts.append(("error", error)) }
        return "<div class=\"summary\"><h2>run \(run.id) · " + HTMLText.escape(run.instanceName) + " <span class=\"st "
            + HTMLText.escape(run.status.rawValue) + "\">" + HTMLText.escape(run.status.rawValue) + "</span></h2><dl>"
            + facts.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd>" }.joined()
            + "</dl><details><summary>definition</summary><pre>"
            + HTMLText.escape(run.definition.serialized()) + "</pre></details></div>"
    }
}
