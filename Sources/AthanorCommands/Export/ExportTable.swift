import AthanorCore
import Foundation

/// A run's results flattened for pandas, DuckDB or a spreadsheet: one row per point, per turn, or
/// per generated token (of every turn) with its alternatives. The columns are fixed before the
/// first row, so rows are written as the results are read. Pure, so rows are tested without a
/// database.
///
/// A point row shows a conversation's last turn (the answer `output` reads); `--per turn` shows
/// each. Variables become columns of their own, named as in the script (prefixed `var_` only where
/// a name would clash with another column); so do the parameters sent, as numbers (empty where not
/// set).
struct ExportTable {
    enum Granularity: String, Sendable, CaseIterable {
        case point, turn, token
    }

    let runID: Int64
    let granularity: Granularity
    /// The sweep's variables that have columns, in column order.
    let variableNames: [String]
    let columns: [String]

    /// The columns for a run whose results carry these sets of variable names (each set in the plan
    /// order of its first point, as `RunStore.resultVariableNames` gives them): a variable's column
    /// comes where a reader of every row in plan order first meets it, a set's names sorted as
    /// `ResultValue.variables` holds them.
    init(runID: Int64, variableSets: [[String]], per granularity: Granularity) {
        var names: [String] = []
        for set in variableSets {
            for name in set.sorted() where !names.contains(name) { names.append(name) }
        }
        let fixed =
            switch granularity {
            case .point: Self.pointColumns
            case .turn: Self.turnColumns
            case .token: Self.tokenColumns
            }
        self.runID = runID
        self.granularity = granularity
        variableNames = names
        // A variable named like another column is prefixed `var_` until its name is its own (a
        // duplicate name made a JSON line's object trap and a CSV header ambiguous).
        var taken = Set(Self.coordinateColumns + Self.parameterColumns + fixed)
        var variableColumns: [String] = []
        for name in names {
            var column = name
            while taken.contains(column) { column = "var_" + column }
            taken.insert(column)
            variableColumns.append(column)
        }
        columns = Self.coordinateColumns + variableColumns + Self.parameterColumns + fixed
    }

    static let coordinateColumns = ["run_id", "key", "label", "model", "model_id", "repeat"]

    /// A result's rows: one for its point, or one per token. One value per column; nil is an empty
    /// CSV field and a JSON null.
    func rows(_ result: ResultValue) -> [[JSONValue]] {
        let coordinates: [JSONValue] =
            [
                .number(Double(runID)), .string(result.key), .string(result.label), .string(result.modelName),
                .string(result.modelID),
                .number(Double(result.repeatIndex)),
            ]
            + variableNames.map { result.variables[$0]?.jsonValue ?? .null }
            + Self.parameterFields(result.parameters)
        switch granularity {
        case .point: return [coordinates + Self.pointFields(result, result.completion)]
        case .turn:
            return result.turns.enumerated().map { index, turn in
                coordinates + [.number(Double(index + 1)), .string(turn.modelName)]
                    + Self.pointFields(result, turn.completion)
            }
        case .token:
            return result.turns.enumerated().flatMap { index, turn in
                Self.tokenRows(turn.completion).map { coordinates + [.number(Double(index + 1))] + $0 }
            }
        }
    }

    /// The parameters sent, each a column of its own (`stop` and `provider` routing are not numbers
    /// and stay in `show --format json`).
    static let parameterColumns = [
        "temperature", "top_p", "max_tokens", "seed", "frequency_penalty", "presence_penalty", "top_logprobs",
    ]

    private static func parameterFields(_ parameters: ModelParameters) -> [JSONValue] {
        [
            JSONValue(parameters.temperature), JSONValue(parameters.topP), .number(Double(parameters.maxTokens)),
            JSONValue(parameters.seed), JSONValue(parameters.frequencyPenalty), JSONValue(parameters.presencePenalty),
            .number(Double(parameters.topLogprobs)),
        ]
    }

    static let pointColumns = [
        "provider", "output", "finish_reason", "prompt_tokens", "completion_tokens", "cost", "latency_ms",
        "first_token", "first_token_prob", "score_logprob", "score_complete", "served_from", "error",
    ]
    static let turnColumns = ["turn", "turn_model"] + pointColumns
    static let tokenColumns = ["turn", "position", "token", "logprob", "prob", "alternatives"]

    private static func pointFields(_ result: ResultValue, _ completion: Completion?) -> [JSONValue] {
        let first = completion?.tokens?.first
        return [
            JSONValue(completion?.provider), completion.map { .string($0.text) } ?? .null,
            JSONValue(completion?.finishReason),
            JSONValue(completion?.usage?.promptTokens), JSONValue(completion?.usage?.completionTokens),
            JSONValue(completion?.usage?.cost), JSONValue(completion?.latencyMilliseconds),
            JSONValue(first?.token), JSONValue(first?.probability),
            // A scoring chain's continuation (the point's): its logprob when scored whole, and whether it was.
            JSONValue(result.score?.logprob), result.score.map { .bool($0.isComplete) } ?? .null,
            JSONValue(completion?.servedFrom?.rawValue), JSONValue(result.error),
        ]
    }

    /// One row per token; `alternatives` is the top list, most likely first.
    private static func tokenRows(_ completion: Completion) -> [[JSONValue]] {
        (completion.tokens ?? []).enumerated().map { position, token in
            let alternatives = token.top.sorted { $0.logprob > $1.logprob }.map { alt -> JSONValue in
                ["token": .string(alt.token), "logprob": .number(alt.logprob)]
            }
            return [
                .number(Double(position)), .string(token.token), .number(token.logprob), .number(token.probability),
                .array(alternatives),
            ]
        }
    }

    /// The CSV header line.
    var csvHeader: String { CSVWriter.line(columns) }

    /// A row as a CSV line; nested values (alternatives) as JSON text.
    func csvLine(_ row: [JSONValue]) -> String {
        CSVWriter.line(row.map(Self.field))
    }

    /// A row as one JSON object on a line of its own.
    func jsonLine(_ row: [JSONValue]) -> String {
        JSONValue.object(Dictionary(uniqueKeysWithValues: zip(columns, row))).serialized() + "\n"
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
