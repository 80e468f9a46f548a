import AthanorCore
import Foundation

/// Listing and describing stored runs, shared by `:runs`, `:show` and the CLI.
enum RunListing {
    static func table(_ runs: [StoredRun]) -> ResultTable {
        ResultTable(
            columns: ["id", "name", "status", "started", "points", "tokens", "cost"],
            rows: runs.map { run in
                let totals = run.totals
                return [
                    .value(.number(Double(run.id))), .value(.string(run.instanceName)),
                    .value(.string(run.status.rawValue)),
                    .value(.string(run.startedAt.map(time) ?? "")), .value(.number(Double(totals.points))),
                    .value(.number(Double(totals.promptTokens + totals.completionTokens))),
                    .value(.string(String(format: "$%.6f", totals.cost))),
                ]
            })
    }

    static func describe(_ run: StoredRun) -> String {
        var lines = ["run \(run.id) · \(run.instanceName) · \(run.status.rawValue)"]
        if let started = run.startedAt {
            lines.append("started \(time(started))" + (run.completedAt.map { ", ended \(time($0))" } ?? ""))
        }
        if let error = run.error { lines.append("error: \(error)") }
        return lines.joined(separator: "\n")
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }
}
