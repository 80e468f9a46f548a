/// What a meta-command asks of whoever runs the cell, after it did its work (psql's `backslashResult`).
///
/// A failure is not an outcome: it is thrown as a `CellFailure`, like any other failing statement.
public enum MetaCommandOutcome: Sendable, Hashable {
    /// Done; the cell goes on with its next statement.
    case handled
    /// `:quit`: the cell stops here, and so does the session (the REPL) or the script (status 0).
    case quit
}

/// Handles `:command argument` lines met inside a cell (the REPL and batch share one handler).
public protocol MetaCommandHandler: Sendable {
    func handle(name: String, argument: String, output: any CellOutput) async throws(CellFailure) -> MetaCommandOutcome
}
