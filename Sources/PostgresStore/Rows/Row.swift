import AthanorCore
import Foundation

/// Typed reading of one row of PostgreSQL text values, failing with `badResponse` on surprises.
///
/// Timestamps are selected as `extract(epoch FROM …)` so reading them needs no date parser and does
/// not depend on the server's DateStyle or TimeZone.
struct Row {
    let values: [String?]
    let sql: String

    func string(_ column: Int) throws(DatabaseError) -> String {
        guard let value = values[column] else { throw unexpected(column, "NULL") }
        return value
    }

    func optionalString(_ column: Int) -> String? {
        values[column]
    }

    func int64(_ column: Int) throws(DatabaseError) -> Int64 {
        guard let value = Int64(try string(column)) else { throw unexpected(column, "not an integer") }
        return value
    }

    func optionalInt64(_ column: Int) throws(DatabaseError) -> Int64? {
        values[column] == nil ? nil : try int64(column)
    }

    func int(_ column: Int) throws(DatabaseError) -> Int {
        Int(try int64(column))
    }

    func bool(_ column: Int) throws(DatabaseError) -> Bool {
        switch try string(column) {
        case "t": return true
        case "f": return false
        default: throw unexpected(column, "not a boolean")
        }
    }

    func double(_ column: Int) throws(DatabaseError) -> Double {
        guard let value = Double(try string(column)) else { throw unexpected(column, "not a number") }
        return value
    }

    /// A timestamp selected as seconds since 1970.
    func optionalDate(_ column: Int) throws(DatabaseError) -> Date? {
        guard let text = values[column] else { return nil }
        guard let seconds = Double(text) else { throw unexpected(column, "not an epoch") }
        return Date(timeIntervalSince1970: seconds)
    }

    func date(_ column: Int) throws(DatabaseError) -> Date {
        guard let date = try optionalDate(column) else { throw unexpected(column, "NULL") }
        return date
    }

    func json(_ column: Int) throws(DatabaseError) -> JSONValue {
        guard let text = values[column] else { return .null }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw unexpected(column, "not JSON")
        }
    }

    /// A `bigint[]` in PostgreSQL's text form, `{1,2,3}`.
    func int64Array(_ column: Int) throws(DatabaseError) -> [Int64] {
        let text = try string(column)
        guard text.hasPrefix("{"), text.hasSuffix("}") else { throw unexpected(column, "not an array") }
        var ids: [Int64] = []
        for part in text.dropFirst().dropLast().split(separator: ",") {
            guard let id = Int64(part) else { throw unexpected(column, "not an integer array") }
            ids.append(id)
        }
        return ids
    }

    func enumeration<E: RawRepresentable>(_ column: Int, as: E.Type) throws(DatabaseError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: try string(column)) else { throw unexpected(column, "unknown \(E.self)") }
        return value
    }

    private func unexpected(_ column: Int, _ what: String) -> DatabaseError {
        DatabaseError(code: .badResponse, message: "column \(column + 1) of the result is \(what)", sql: sql)
    }
}

extension QueryResult {
    func typedRows(sql: SQL) -> [Row] {
        rows.map { Row(values: $0, sql: sql.text) }
    }
}
