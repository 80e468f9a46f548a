import CLibPQ
import Foundation

extension Connection {
    /// Runs one statement with its values bound as text parameters (`PQexecParams`).
    ///
    /// If the connection had broken (server restart, `pg_terminate_backend`), it reconnects and runs
    /// the statement once more, but only outside a transaction: inside one, the work before the break
    /// is gone and a retry would commit half of it. A broken statement is one the server never
    /// answered; in the rare case it committed before the socket died, the retry can apply it twice,
    /// which `ON CONFLICT` keys and single-row updates in the store tolerate.
    @discardableResult
    public func execute(_ sql: SQL) throws(DatabaseError) -> QueryResult {
        if !isConnected { try reconnect() }
        let mayRetry = isIdle
        do {
            return try executeOnce(sql)
        } catch  where error.code == .connectionLost && mayRetry {
            try reconnect()
            return try executeOnce(sql)
        }
    }

    /// Runs a script of several statements (`PQexec`), for migrations; no parameters, no retry.
    public func executeScript(_ script: String) throws(DatabaseError) {
        if !isConnected { try reconnect() }
        let result = PQexec(handle, script)
        _ = try consume(result, sql: "(script)")
    }

    /// Runs `body` between BEGIN and COMMIT, rolling back if it throws.
    public func transaction<T>(_ body: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isConnected { _ = try? executeOnce("ROLLBACK") }
            throw error
        }
    }

    private func executeOnce(_ sql: SQL) throws(DatabaseError) -> QueryResult {
        let result = Self.withCStrings(sql.binds) { values in
            PQexecParams(handle, sql.text, Int32(sql.binds.count), nil, values, nil, nil, 0)
        }
        return try consume(result, sql: sql.text)
    }

    /// Copies the rows out, frees the result, and turns failures into `DatabaseError`.
    private func consume(_ result: OpaquePointer?, sql: String) throws(DatabaseError) -> QueryResult {
        guard let result else {
            throw DatabaseError(code: isConnected ? .badResponse : .connectionLost, message: lastErrorMessage, sql: sql)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return rows(of: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            throw error(from: result, sql: sql)
        default:
            let status = String(cString: PQresStatus(PQresultStatus(result)))
            throw DatabaseError(code: .badResponse, message: "unexpected result status \(status)", sql: sql)
        }
    }

    private func rows(of result: OpaquePointer) -> QueryResult {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return QueryResult(columns: columns, rows: rows, affectedRows: affected)
    }

    /// A bad connection after the statement means the socket broke, not that the SQL was wrong.
    private func error(from result: OpaquePointer, sql: String) -> DatabaseError {
        let sqlState = PQresultErrorField(result, Int32(ATH_PG_DIAG_SQLSTATE)).map { String(cString: $0) }
        let primary = PQresultErrorField(result, Int32(ATH_PG_DIAG_MESSAGE_PRIMARY)).map { String(cString: $0) }
        let message = primary ?? lastErrorMessage
        let code: DatabaseError.Code =
            switch sqlState {
            // Also 57P01 (terminated by an administrator), which may arrive just before the socket closes.
            case _ where !isConnected: .connectionLost
            case "23505": .uniqueViolation
            case "57014": .cancelled
            case let state? where state.hasPrefix("08"): .connectionLost
            default: .queryFailed
            }
        return DatabaseError(code: code, sqlState: sqlState, message: message, sql: sql)
    }
}
