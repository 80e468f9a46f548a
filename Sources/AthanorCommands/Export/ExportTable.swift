import AthanorCore
import Foundation

/// A run's results flattened for pandas, DuckDB or a spreadsheet: one row per point, or one row
/// per generated token with its alternatives. Pure, so rows are tested without a database.
///
/// A conversation exports its last turn (the answer `output` reads); its earlier turns are in
/// `show --format json`. Variables become columns of their own, named as in the script (prefixed
/// `var_` only where a name would clash with a fixed column).
struct ExportTable {
    enum Granularity: String, Sendable, CaseIterable {
        case point, token
    }

    var columns: [String]
    /// One value per column; nil is an empty CSV field and a JSON null.
    var rows: [[JSONValue]]

    init(runID: Int64, results: [ResultValue], per granularity: Granularity) {
        let fixed = granularity == .point ? Self.pointColumns : Self.tokenColumns
        var variableNames: [String] = []
        for result in results {
            for key in result.variables.keys where !variableNames.contains(key) { variableNames.append(key) }
        }
        let variableColumns = variableNames.map { fixed.contains($0) || $0 == "run_id" ? "var_\($0)" : $0 }
        columns = ["run_id", "key", "label", "model", "model_id", "repeat"] + variableColumns + fixed
        rows = []
        for result in results {
            let coordinates: [JSONValue] =
                [
                    .number(Double(runID)), .string(result.key), .string(result.label), .string(result.modelName),
                    .string(result.modelID),
                    .number(Double(result.repeatIndex)),
                ]
                + variableNames.map { result.variables[$0]?.jsonValue ?? .null }
            switch granularity {
            case .point: rows.append(coordinates + Self.pointFields(result))
            case .token: rows += Self.tokenRows(result).map { coordinates + $0 }
            }
        }
    }

    static let pointColumns = [
        "output", "finish_reason", "prompt_tokens", "completion_tokens", "cost", "latency_ms", "first_token",
        "first_token_prob", "served_from", "error",
    ]
    static let tokenColumns = ["position", "token", "logprob", "prob", "alternatives"]

    private static func pointFields(_ result: ResultValue) -> [JSONValue] {
        let completion = result.completion
        let first = completion?.tokens?.first
        return [
            completion.map { .string($0.text) } ?? .null, JSONValue(completion?.finishReason),
            JSONValue(completion?.usage?.promptTokens), JSONValue(completion?.usage?.completionTokens),
            JSONValue(completion?.usage?.cost), JSONValue(completion?.latencyMilliseconds),
            JSONValue(first?.token), JSONValue(first?.probability), JSONValue(completion?.servedFrom?.rawValue),
            JSONValue(result.error),
        ]
    }

    /// One row per token; `alternatives` is the top list, most likely first.
    private static func tokenRows(_ result: ResultValue) -> [[JSONValue]] {
        (result.completion?.tokens ?? []).enumerated().map { position, token in
            let alternatives = token.top.sorted { $0.logprob > $1.logprob }.map { alt -> JSONValue in
                ["token": .string(alt.token), "logprob": .number(alt.logprob)]
            }
            return [
                .number(Double(position)), .string(token.token), .number(token.logprob), .number(token.probability),
                .array(alternatives),
            ]
        }
    }

    /// The table as CSV with a header; nested values (alternatives) as JSON text.
    func csv() -> String {
        CSVWriter.line(columns) + rows.map { row in CSVWriter.line(row.map(Self.field)) }.joined()
    }

    /// One JSON object per line.
    func jsonLines() -> String {
        rows.map { row in JSONValue.object(Dictionary(uniqueKeysWithValues: zip(columns, row))).serialized() + "\n" }
            .joined()
    }

    private static func field(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : "\(n)"
        case .array, .object: value.serialized()
        }
    }
}
