import AthanorCore
import Foundation

/// A Swift value that can be bound to a statement, in PostgreSQL's text input format.
public protocol SQLParameter: Sendable {
    /// The text PostgreSQL parses for this value; nil means NULL.
    var sqlText: String? { get }
}

extension String: SQLParameter {
    public var sqlText: String? { self }
}

extension Substring: SQLParameter {
    public var sqlText: String? { String(self) }
}

extension Int: SQLParameter {
    public var sqlText: String? { String(self) }
}

extension Int32: SQLParameter {
    public var sqlText: String? { String(self) }
}

extension Int64: SQLParameter {
    public var sqlText: String? { String(self) }
}

extension Bool: SQLParameter {
    public var sqlText: String? { self ? "true" : "false" }
}

extension Double: SQLParameter {
    /// Non-finite values use PostgreSQL's spellings, which `float8` accepts.
    public var sqlText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return "\(self)"
    }
}

/// Bound as JSON text; write `\(value)::jsonb` in the statement.
extension JSONValue: SQLParameter {
    public var sqlText: String? { serializedForJSONB() }
}

/// Bound as a PostgreSQL array literal, e.g. `{1,2,3}`; write `\(ids)::bigint[]`.
extension Array: SQLParameter where Element == Int64 {
    public var sqlText: String? { "{" + map(String.init).joined(separator: ",") + "}" }
}
