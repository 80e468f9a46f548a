import ArgumentParser
import AthanorCore
import Foundation

/// `athanor export RUN`: a run's results as CSV or JSON Lines, one row per point or per token.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's results as CSV or JSON Lines, one row per point or per token.",
        discussion: """
            Point rows: run_id, key, model, model_id, repeat, one column per variable, output, finish_reason, \
            prompt_tokens, completion_tokens, cost, latency_ms, first_token, first_token_prob, served_from, error. \
            Token rows: the coordinates, then position, token, logprob, prob and alternatives (a JSON list).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    enum Per: String, ExpressibleByArgument, CaseIterable {
        case point, token
    }

    @ArgumentParser.Argument(help: "The run id.")
    var run: Int64

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "One row per point or per token.")
    var per: Per = .point

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let (id, format, per, path) = (run, format, per, output)
        try await Browsing.run { inspector in
            let (_, value) = try await StoredRuns.load(id, from: inspector.store)
            let table = ExportTable(runID: id, results: value.results, per: per == .token ? .token : .point)
            let text = format == .csv ? table.csv() : table.jsonLines()
            if let path {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                } catch {
                    throw InspectionError.cannotWrite(path, "\(error.localizedDescription)")
                }
                StandardStreams.error("athanor: wrote \(table.rows.count) rows to \(path)\n")
            } else {
                StandardStreams.out(text)
            }
        }
    }
}
