/// The outcome of one `assert`: counts, whether it held, and the rows that failed.
public struct AssertionReport: Sendable {
    /// The assertion as written.
    public var source: String
    public var runID: Int64
    public var runName: String
    /// `all`, `any`, `90%`, `at least 3`; `once` for a condition over aggregates, checked once.
    public var quantifier: String
    public var considered: Int
    public var passed: Int
    public var failed: Int
    /// Rows whose condition raised an error (counted as not passing).
    public var errors: Int
    /// The first few of those errors (at most 3), each with its point's label.
    public var firstErrors: [AssertionRowError]
    public var holds: Bool
    public var message: String?
    /// Failing rows: the point's key and the values that made it fail.
    public var failingRows: ResultTable
    /// For a condition over aggregates: each aggregate as written and its value over the results.
    public var aggregates: [(source: String, value: TableCell)]? = nil

    public var jsonValue: JSONValue {
        guard let aggregates, case .object(var members) = plainJSONValue else { return plainJSONValue }
        members["aggregates"] = .object(
            Dictionary(aggregates.map { ($0.source, $0.value.jsonValue) }, uniquingKeysWith: { a, _ in a }))
        return .object(members)
    }

    private var plainJSONValue: JSONValue {
        [
            "assertion": .string(source), "run_id": .number(Double(runID)), "quantifier": .string(quantifier),
            "considered": .number(Double(considered)), "passed": .number(Double(passed)),
            "failed": .number(Double(failed)), "errors": .number(Double(errors)),
            "first_errors": .array(firstErrors.map(\.jsonValue)), "holds": .bool(holds),
            "message": JSONValue(message),
            "failing": .array(
                failingRows.rows.map { row in
                    .object(
                        Dictionary(
                            zip(failingRows.columns, row.map(\.jsonValue)).map { ($0, $1) },
                            uniquingKeysWith: { a, _ in a }))
                }),
        ]
    }
}
