import AthanorCore

/// A run's results read a page at a time in plan order, for `show` and `export` of runs of any size.
///
/// Pages follow each other by key (`WHERE (point, id) > (last read) … LIMIT n`) rather than through
/// a cursor: each page is one autocommit statement like every other call of this store, so no
/// transaction stays open on the connection a run's writer may share meanwhile, and a page lost
/// with the connection is read again after the reconnect. The index `run_results_plan_order_idx`
/// (v0006) hands rows over in that order, so a page costs what it reads, wherever it starts.
extension PostgresRunStore {
    /// The order and its key: the point's index (0 for a row without one, as `ResultValue` reads
    /// it), then the row id. Spelled as the index `run_results_plan_order_idx` is.
    static let planOrder = "coalesce(point_index, 0), id"

    public func results(runID: Int64, after: ResultPosition?, limit: Int) throws
        -> [(position: ResultPosition, result: StoredResult)]
    {
        let sql: SQL =
            if let after {
                """
                SELECT \(unsafe: Self.planOrder), key, value, extract(epoch FROM inserted_at) FROM run_results
                WHERE run_id = \(runID) AND kind = 'point'
                  AND (\(unsafe: Self.planOrder)) > (\(after.pointIndex)::integer, \(after.rowID)::bigint)
                ORDER BY \(unsafe: Self.planOrder) LIMIT \(max(1, limit))
                """
            } else {
                """
                SELECT \(unsafe: Self.planOrder), key, value, extract(epoch FROM inserted_at) FROM run_results
                WHERE run_id = \(runID) AND kind = 'point'
                ORDER BY \(unsafe: Self.planOrder) LIMIT \(max(1, limit))
                """
            }
        return try rows(sql).map { row throws(DatabaseError) in
            (
                position: ResultPosition(pointIndex: try row.int(0), rowID: try row.int64(1)),
                result: StoredResult(
                    key: try row.string(2), value: try row.json(3), insertedAt: try row.optionalDate(4))
            )
        }
    }

    /// Each distinct set of `vars` names once, with the first point (in plan order) that has it.
    /// PostgreSQL reads every result for it but sends only the sets; a `vars` that is not an
    /// object has no names, as `ResultValue` reads it.
    public func resultVariableNames(runID: Int64) throws -> [[String]] {
        try rows(
            """
            SELECT names FROM (
                SELECT DISTINCT ON (names) names, point, id FROM (
                    SELECT coalesce(point_index, 0) AS point, id,
                           (SELECT coalesce(jsonb_agg(name ORDER BY name), '[]')
                            FROM jsonb_object_keys(CASE jsonb_typeof(value->'vars') WHEN 'object' THEN value->'vars' END)
                                 AS name) AS names
                    FROM run_results WHERE run_id = \(runID) AND kind = 'point'
                ) named
                ORDER BY names, point, id
            ) firsts
            ORDER BY point, id
            """
        ).map { row throws(DatabaseError) in
            (try row.json(0).arrayValue ?? []).compactMap(\.stringValue)
        }
    }
}
