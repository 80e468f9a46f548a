import AthanorCore

/// What `resume` needs to plan a run again: the statement that made it and the cells before it.
public struct ResumeSource: Sendable {
    public var runID: Int64
    /// The `ask`/`sweep` statement's text, as stored with the instance.
    public var statement: String
    /// The script's path, for `csv()` and `jsonl()` relative to it.
    public var sourcePath: String?
    /// The sources of the session's cells up to and including the run's, in order.
    public var cells: [String]
}

extension PostgresRunStore {
    /// Nil when the run does not exist; cells are empty when the run was made outside a session.
    public func resumeSource(runID: Int64) throws -> ResumeSource? {
        guard
            let row = try rows(
                """
                SELECT i.source, s.source_path, r.session_id, c.position
                FROM experiment_runs r JOIN experiment_instances i ON i.id = r.instance_id
                LEFT JOIN sessions s ON s.id = r.session_id LEFT JOIN cells c ON c.id = r.cell_id
                WHERE r.id = \(runID)
                """
            ).first
        else { return nil }
        let statement = row.optionalString(0) ?? ""
        var cells: [String] = []
        if let sessionID = try row.optionalInt64(2), let position = try row.optionalInt64(3) {
            cells = try rows(
                "SELECT source FROM cells WHERE session_id = \(sessionID) AND position <= \(position) ORDER BY position"
            ).map { row throws(DatabaseError) in try row.string(0) }
        }
        return ResumeSource(runID: runID, statement: statement, sourcePath: row.optionalString(1), cells: cells)
    }
}
