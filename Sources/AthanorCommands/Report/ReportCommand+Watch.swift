import AthanorCore
import Foundation

extension ReportCommand {
    /// `--watch`: rewrites the report as the run goes, then exits as `athanor watch` does.
    static func watch(run id: Int64, path: String, measure: ResultMeasure?, open: Bool) async -> ExitStatus {
        do {
            let store = try await ServiceFactory(environment: ProcessInfo.processInfo.environment).store()
            let status = try await LiveReport(store: store, runID: id, path: path, measure: measure).follow {
                written, status, first in
                let live = status == .running || status == .pending
                if first || !live {
                    StandardStreams.error(
                        wrote(written, to: path)
                            + (live
                                ? "; rewriting it as run \(id) goes (Ctrl-C stops)" : "; run \(id) \(status.rawValue)")
                            + "\n")
                }
                if first && open { ReportOpener.open(path) }
            }
            return WatchCommand.exitStatus(for: status)
        } catch let error as InspectionError {
            StandardStreams.error("athanor: \(error)\n")
            return .scriptError
        } catch is CancellationError {
            return .interrupted
        } catch {
            StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
            return .serviceFailed
        }
    }
}
