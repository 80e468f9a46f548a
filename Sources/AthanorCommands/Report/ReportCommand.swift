import ArgumentParser
import AthanorCore
import AthanorLanguage
import Foundation

/// `athanor report RUN… | --session S`: the runs as one self-contained HTML file, to read offline
/// or attach to a paper's supplement (`ReportWriter`).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write runs as one self-contained HTML report: tables, token heat-maps, histograms, drift.",
        discussion: """
            Per run: its definition, status, totals and cost, its assertions with their failing rows, a \
            histogram of each model's first-token probability, and every point in a sortable, filterable \
            table whose answers are token heat-maps (hover or focus a token for its top alternatives); \
            a conversation shows each turn with its model. Two runs ('athanor report A B') also get the \
            drift view: top-1 agreement, mean |Δlogprob|, KL and the changed points. The file fetches \
            nothing when opened.
            """)

    @ArgumentParser.Argument(help: "The run ids (two: also how the second drifted from the first).")
    var runs: [Int64] = []

    @Option(help: "Report every run of this session instead, in the order they ran.")
    var session: Int64?

    @Option(
        name: .shortAndLong,
        help: "The HTML file to write (default report-RUN.html or report-session-S.html; '-': standard output).")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Plot this expression's values per model instead of the first-token probability.",
            discussion: "Any expression a show column takes, e.g. 'prob(\"Yes\")' or 'entropy(at: 0)'.",
            valueName: "expression"))
    var histogram: String?

    @Flag(help: "Open the report in the browser once written (xdg-open, or open on macOS).")
    var open = false

    @Flag(
        help: ArgumentHelp(
            "Keep the report of one run under way up to date until the run ends.",
            discussion:
                "The file is written again as the run's results arrive; the page reloads itself every \(LiveReport.reloadSeconds) s while the run is running. Exits as 'athanor watch' does."
        ))
    var watch = false

    func validate() throws {
        if runs.isEmpty && session == nil { throw ValidationError("give one or more run ids, or --session S") }
        if !runs.isEmpty && session != nil { throw ValidationError("give run ids or --session, not both") }
        if open && output == "-" { throw ValidationError("--open needs a file, not standard output") }
        if watch && (runs.count != 1 || output == "-") {
            throw ValidationError("--watch follows one run into a file: athanor report --watch RUN [-o FILE.html]")
        }
    }

    /// Where the report goes when `-o` does not say.
    var path: String {
        output
            ?? (session.map { "report-session-\($0).html" }
                ?? "report-\(runs.map(String.init).joined(separator: "-")).html")
    }

    func run() async throws {
        let (ids, session, path, open) = (runs, session, path, open)
        var measure: ResultMeasure?
        if let histogram {
            do {
                measure = try ResultMeasure(histogram, name: "--histogram")
            } catch {
                let file = SourceFile(name: "--histogram", text: histogram)
                StandardStreams.error(DiagnosticRenderer.render(error, in: file, color: false) + "\n")
                throw ExitStatus.scriptError.exitCode
            }
        }
        if watch {
            let status = await Interrupts.batch { [measure] in
                await Self.watch(run: ids[0], path: path, measure: measure, open: open)
            }
            if status != .success { throw status.exitCode }
            return
        }
        try await Browsing.run { [measure] inspector in
            let written = try await Self.report(
                runs: ids, session: session, from: inspector.store, measure: measure,
                to: try ExportDestination(path: path == "-" ? nil : path))
            guard path != "-" else { return }
            StandardStreams.error(Self.wrote(written, to: path) + "\n")
            if open { ReportOpener.open(path) }
        }
    }

    /// `athanor: wrote the report of 1 run (16 points) to report-1.html (25 KB)`.
    static func wrote(_ written: ReportWriter.Written, to path: String) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return "athanor: wrote the report of \(written.runs) run\(written.runs == 1 ? "" : "s") "
            + "(\(written.points) point\(written.points == 1 ? "" : "s")) to \(path) "
            + "(\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)))"
    }

    /// Reads the runs (or the session's) and writes their report to `destination`.
    static func report(
        runs ids: [Int64], session: Int64?, from store: any RunStore, measure: ResultMeasure? = nil,
        to destination: ExportDestination
    ) async throws -> ReportWriter.Written {
        var runs: [StoredRun] = []
        let title: String
        if let session {
            guard try await store.session(id: session) != nil else { throw InspectionError.noSession(session) }
            runs = try await store.runs(sessionID: session, status: nil, limit: Int(Int32.max)).sorted { $0.id < $1.id }
            title = "athanor report: session \(session)"
        } else {
            for id in ids {
                guard let run = try await store.run(id: id) else { throw InspectionError.noRun(id) }
                runs.append(run)
            }
            title = "athanor report: run\(ids.count == 1 ? "" : "s") " + ids.map(String.init).joined(separator: ", ")
        }
        var drift: DriftSummary?
        if session == nil, ids.count == 2 {
            // The drift view pairs points by key, so it holds both runs' results (as `compare` does).
            let (_, old) = try await StoredRuns.load(ids[0], from: store)
            let (_, new) = try await StoredRuns.load(ids[1], from: store)
            drift = DriftSummary(old: old, new: new)
        }
        return try await ReportWriter(store: store, destination: destination, measure: measure).write(
            title: title, runs: runs, drift: drift)
    }
}
