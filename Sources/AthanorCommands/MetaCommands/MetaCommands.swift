import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// The meta-commands a script or the prompt may use: `:runs [N]`, `:show RUN`, `:logs RUN`, `:help`.
struct MetaCommands: MetaCommandHandler {
    let store: any RunStore
    let renderer: EventRenderer

    static let names = ["help", "runs", "show", "logs", "quit"]

    func handle(name: String, argument: String, output: any CellOutput) async throws(CellFailure) {
        do {
            switch name {
            case "runs":
                let limit = Int(argument.trimmingCharacters(in: .whitespaces)) ?? 10
                let runs = try await store.recentRuns(limit: max(1, limit))
                output.emit(.table(RunListing.table(runs)))
            case "show":
                let id = try runID(argument, for: name)
                guard let run = try await store.run(id: id) else { output.emit(.warning("there is no run \(id)")); return }
                output.emit(.text(RunListing.describe(run)))
                let results = try await store.results(runID: id).filter { !$0.key.hasPrefix("assert/") }
                let values = results.map { ResultValue(key: $0.key, json: $0.value) }.sorted { $0.index < $1.index }
                output.emit(.table(ResultTable(
                    columns: ["key", "model", "output", "finish"],
                    rows: values.map { [.value(.string($0.key)), .value(.string($0.modelName)),
                                        $0.error.map(TableCell.error) ?? .value(.string($0.output)),
                                        .value($0.completion?.finishReason.map(Value.string) ?? .null)] })))
            case "logs":
                let id = try runID(argument, for: name)
                let logs = try await store.logs(runID: id, limit: 200)
                output.emit(.table(ResultTable(
                    columns: ["time", "level", "message"],
                    rows: logs.map { [.value(.string(RunListing.time($0.timestamp))), .value(.string($0.level.rawValue)), .value(.string($0.message))] })))
            case "help":
                output.emit(.text(Self.help))
            default:
                output.emit(.warning("unknown meta-command ':\(name)'; try :help"))
            }
        } catch let failure as CellFailure {
            throw failure
        } catch {
            throw .store("\(error)")
        }
    }

    private func runID(_ argument: String, for name: String) throws(CellFailure) -> Int64 {
        guard let id = Int64(argument.trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw .script(.init(.error, ":\(name) needs a run id, e.g. :\(name) 12", at: .none))
        }
        return id
    }

    static let help = """
        Statements: model, prompt, let, ask, sweep, assert, show, and bare expressions.
        Meta-commands: :runs [N]  :show RUN  :logs RUN  :help  :quit
        The language reference is docs/language.md.
        """
}

/// Listing and describing stored runs, shared by `:runs`, `:show` and the CLI.
enum RunListing {
    static func table(_ runs: [StoredRun]) -> ResultTable {
        ResultTable(
            columns: ["id", "name", "status", "started", "points", "tokens", "cost"],
            rows: runs.map { run in
                let totals = RunTotals(json: run.metadata["totals"] ?? [:])
                return [
                    .value(.number(Double(run.id))), .value(.string(run.instanceName)), .value(.string(run.status.rawValue)),
                    .value(.string(run.startedAt.map(time) ?? "")), .value(.number(Double(totals.points))),
                    .value(.number(Double(totals.promptTokens + totals.completionTokens))),
                    .value(.string(String(format: "$%.6f", totals.cost))),
                ]
            })
    }

    static func describe(_ run: StoredRun) -> String {
        var lines = ["run \(run.id) · \(run.instanceName) · \(run.status.rawValue)"]
        if let started = run.startedAt { lines.append("started \(time(started))" + (run.completedAt.map { ", ended \(time($0))" } ?? "")) }
        if let error = run.error { lines.append("error: \(error)") }
        return lines.joined(separator: "\n")
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }
}
