import ArgumentParser
import AthanorCore
import Foundation

/// `athanor export RUN`: a run's results as CSV or JSON Lines, one row per point, turn or token.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's results as CSV or JSON Lines, one row per point, turn or token.",
        discussion: """
            Point rows: run_id, key, label, model, model_id, repeat, one column per variable, the parameters sent \
            (temperature, top_p, max_tokens, seed, frequency_penalty, presence_penalty, top_logprobs), provider, \
            output, finish_reason, prompt_tokens, completion_tokens, cost, latency_ms, first_token, first_token_prob, \
            score_logprob, score_complete (a scoring chain's), served_from, error (a conversation's last turn). Turn rows: the coordinates, turn (from 1), turn_model, \
            then the point columns for that turn. Token rows: the coordinates, then turn, position, token, logprob, \
            prob and alternatives (a JSON list).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    typealias Per = ExportTable.Granularity

    @ArgumentParser.Argument(help: "The run id.")
    var run: Int64

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "One row per point, per turn, or per token (of every turn).")
    var per: Per = .point

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let (id, format, per, path) = (run, format, per, output)
        try await Browsing.run { inspector in
            let rows = try await Self.export(
                run: id, from: inspector.store, format: format, per: per,
                to: try ExportDestination(path: path))
            if let path { StandardStreams.error("athanor: wrote \(rows) rows to \(path)\n") }
        }
    }

    /// Writes the run's rows to `destination` as its results are read, a page at a time, in plan
    /// order; returns how many rows were written.
    static func export(
        run id: Int64, from store: any RunStore, format: Format, per granularity: ExportTable.Granularity,
        to destination: ExportDestination
    ) async throws -> Int {
        guard try await store.run(id: id) != nil else { throw InspectionError.noRun(id) }
        let table = ExportTable(
            runID: id, variableSets: try await store.resultVariableNames(runID: id), per: granularity)
        if format == .csv { try destination.write(table.csvHeader) }
        var written = 0
        for try await stored in store.results(runID: id) {
            for row in table.rows(ResultValue(key: stored.key, json: stored.value)) {
                try destination.write(format == .csv ? table.csvLine(row) : table.jsonLine(row))
                written += 1
            }
        }
        try destination.finish()
        return written
    }
}

extension ExportTable.Granularity: ExpressibleByArgument {}
