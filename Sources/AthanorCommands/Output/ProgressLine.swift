import AthanorCore
import Foundation

/// The text of a run's progress line: done/total, rate, ETA, failures, tokens and cost.
///
/// Pure (the elapsed time is a parameter), so its wording is tested without a clock.
struct ProgressLine {
    var progress: RunProgress
    /// Seconds since the run's first finished point was seen.
    var elapsed: Double
    /// Points already done when this process started watching (a resume), excluded from the rate.
    var doneAtStart: Int

    var text: String {
        var parts = ["run \(progress.runID): \(progress.done)/\(progress.total)"]
        let fresh = progress.done - doneAtStart
        if elapsed > 0.2, fresh > 0 {
            let rate = Double(fresh) / elapsed
            parts.append(String(format: rate >= 10 ? "%.0f/s" : "%.1f/s", rate))
            let left = progress.total - progress.done
            if left > 0 { parts.append("ETA " + Self.duration(Double(left) / rate)) }
        }
        if progress.failures > 0 { parts.append("\(progress.failures) failed") }
        if progress.tokens > 0 { parts.append("\(progress.tokens) tokens") }
        if progress.cost > 0 { parts.append(String(format: "$%.4f", progress.cost)) }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.0f s", seconds.rounded(.up)) }
        if seconds < 3600 { return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60) }
        return String(format: "%d h %02d min", Int(seconds) / 3600, Int(seconds) % 3600 / 60)
    }
}
