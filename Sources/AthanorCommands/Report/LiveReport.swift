import AthanorCore
import Foundation

/// `athanor report --watch RUN`: the report of a run under way, written again whenever the run's
/// stored state changes (the run's notifications, or every few seconds without one), until the
/// run ends. While it runs, the page reloads itself every `reloadSeconds` (a `<meta refresh>`:
/// a file opened from disk has no server to push to it, and the file is replaced whole by a
/// rename, so a reload never reads half a report); its last version does not reload.
///
/// Writing again is not free (the whole run is read each time), so a rewrite waits at least as
/// long as the last one took, and at least a second: a big run's report is rewritten less often
/// rather than keeping the machine busy.
struct LiveReport {
    let store: any RunStore
    let runID: Int64
    let path: String
    let measure: ResultMeasure?
    static let reloadSeconds = 2

    /// Writes the report until the run ends; returns its final status. `written` is told of each
    /// version (the first one opens the browser with `--open`).
    func follow(written: (ReportWriter.Written, RunStatus, _ first: Bool) -> Void) async throws -> RunStatus {
        guard try await store.run(id: runID) != nil else { throw InspectionError.noRun(runID) }
        let wakeups = WatchWakeups(feed: try await store.changes(runID: runID), interval: .seconds(5))
        defer { wakeups.stop() }
        var first = true
        while true {
            let started = ContinuousClock.now
            guard let run = try await store.run(id: runID) else { throw InspectionError.noRun(runID) }
            let live = run.status == .running || run.status == .pending
            let result = try await ReportWriter(
                store: store, destination: try ExportDestination(path: path), measure: measure
            ).write(
                title: "athanor report: run \(runID)" + (live ? " (live)" : ""), runs: [run], drift: nil,
                reloadSeconds: live ? Self.reloadSeconds : nil)
            written(result, run.status, first)
            first = false
            guard live else { return run.status }
            let took = ContinuousClock.now - started
            try await Task.sleep(for: max(took, .seconds(1)))
            guard await wakeups.next() else { throw CancellationError() }
        }
    }
}
