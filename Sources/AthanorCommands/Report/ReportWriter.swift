import AthanorCore
import Foundation

/// Writes one self-contained HTML report (`athanor report`): its style and script inline, its
/// plots SVG made here, nothing fetched when it is opened. Each run's results are read a page at
/// a time and written as they are read (`StoredResults`), as data the page renders a screenful at
/// a time (`ResultRows`), so memory stays flat whatever the run's size; the histograms, counted meanwhile, are written after the table and shown above it (CSS
/// `order`).
struct ReportWriter {
    let store: any RunStore
    let destination: ExportDestination
    /// What each model's histogram counts; nil: the first-token probability.
    var measure: ResultMeasure? = nil

    /// What was written: how many runs and points.
    struct Written: Sendable, Hashable {
        var runs = 0
        var points = 0
    }

    /// Writes the report; with `reloadSeconds`, the page reloads itself that often (a live run's).
    func write(title: String, runs: [StoredRun], drift: DriftSummary?, reloadSeconds: Int? = nil) async throws
        -> Written
    {
        try destination.write(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + (reloadSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"generator\" content=\"athanor \(Athanor.version)\"><title>"
                + HTMLText.escape(title) + "</title><style>" + ReportAssets.css + "</style><script>"
                + ReportAssets.errorCatcher + "</script></head><body>" + Self.header(title: title))
        if let drift { try destination.write(drift.html) }
        if runs.isEmpty { try destination.write("<p>no runs</p>") }
        var written = Written()
        for run in runs {
            written.points += try await section(run)
            written.runs += 1
        }
        try destination.write(
            "<div id=\"alts\" role=\"tooltip\" hidden></div><pre id=\"selfcheck\" hidden></pre><script>"
                + ReportAssets.script + "</script></body></html>\n")
        try destination.finish()
        return written
    }

    static func header(title: String) -> String {
        let legend = (0..<HeatMapScale.steps).map { step in
            let low = Double(step) / Double(HeatMapScale.steps)
            return "<span class=\"sw c\(step)\">\(HistogramSVG.format(low))–\(HistogramSVG.format(low + 0.1))</span>"
        }.joined()
        return "<header><h1>" + HTMLText.escape(title) + "</h1><p class=\"gen\">written by athanor "
            + "\(Athanor.version) on \(RunListing.time(Date())) · hover or focus (Tab) a token for its top "
            + "alternatives · click a column to sort</p><div class=\"legend\" aria-label=\"token colour legend\">"
            + "<span>token colour = the probability the model gave it:</span>" + legend + "</div></header>"
    }

    /// One run's section; returns how many points it wrote.
    private func section(_ run: StoredRun) async throws -> Int {
        try destination.write(
            "<section class=\"run\" id=\"run-\(run.id)\">" + RunSummary.html(run)
                + AssertionOutcomes.html(try await store.assertionOutcomes(runID: run.id)))
        let rows = ResultRows(variableSets: try await store.resultVariableNames(runID: run.id))
        try destination.write(
            "<div class=\"results\"><h3>results</h3><div class=\"toolbar\"><input class=\"filter\" type=\"search\" "
                + "placeholder=\"filter rows (any text in them)\" aria-label=\"filter the results of run \(run.id)\">"
                + "<button type=\"button\" class=\"prev\">‹ previous</button><span class=\"shown\"></span>"
                + "<button type=\"button\" class=\"next\">next ›</button></div>" + rows.table
                + "<script type=\"application/json\" class=\"rows\">[")
        var series: [HistogramSeries] = []
        var points = 0
        for try await stored in store.results(runID: run.id) {
            let result = ResultValue(key: stored.key, json: stored.value)
            try destination.write((points == 0 ? "" : ",\n") + rows.row(result))
            let index: Int
            if let known = series.firstIndex(where: { $0.model == result.modelName }) {
                index = known
            } else {
                series.append(HistogramSeries(model: result.modelName, measured: measure != nil))
                index = series.count - 1
            }
            await series[index].add(result, measure: measure)
            points += 1
        }
        try destination.write("]</script></div><div class=\"plots\">")
        let measured = measure?.source ?? "first-token probability"
        for model in series {
            let histogram = model.counted
            let plot = HistogramSVG(
                title: "\(model.model): \(measured)", xLabel: measure?.source ?? "p(first token)", histogram: histogram)
            try destination.write(
                "<figure class=\"plot\">" + plot.svg + "<figcaption>" + HTMLText.escape(model.model) + " · "
                    + HTMLText.escape(measured) + " of \(histogram.total) answers"
                    + (histogram.missing > 0 ? " (\(histogram.missing) without one)" : "")
                    + (model.firstFailure.map { "<br>first failure: " + HTMLText.escape($0) } ?? "")
                    + "</figcaption></figure>")
        }
        try destination.write("</div></section>")
        return points
    }
}
