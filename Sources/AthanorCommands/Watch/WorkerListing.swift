import AthanorCore
import Foundation

/// How a run's worker is shown to people (`athanor watch`).
enum WorkerListing {
    /// `worker 3 · vm pid 1234 · 152 points/s · 1000 stored, 2 failed · seen 0.4 s ago`; a stopped
    /// worker says how (`finished`, `interrupted`, `lost`, …) and when it was last heard from.
    static func line(_ worker: RunWorker, now: Date) -> String {
        var parts = ["worker \(worker.id)", "\(worker.host) pid \(worker.pid)"]
        parts.append("\(Int(worker.pointsPerSecond.rounded())) points/s")
        parts.append("\(worker.answered) stored" + (worker.failed > 0 ? ", \(worker.failed) failed" : ""))
        let ago = Value.format((max(0, now.timeIntervalSince(worker.lastSeen)) * 10).rounded() / 10)
        if let stopped = worker.stoppedBecause ?? (worker.stoppedAt == nil ? nil : "stopped") {
            parts.append("\(stopped), last seen \(ago) s ago")
        } else {
            parts.append("seen \(ago) s ago")
        }
        return parts.joined(separator: " · ")
    }
}
