import Foundation

/// A statement whose values travel separately from its text: parameterized by construction.
///
/// Every interpolated value becomes a `$n` placeholder plus a bound text parameter, so quotes in a
/// prompt or a token can never change the statement. Raw text enters only through `SQL(unsafe:)` or
/// `\(unsafe:)`, which makes the rare identifier or DDL visible in review.
///
///     let sql: SQL = "SELECT id FROM cells WHERE session_id = \(sessionID) AND title = \(title)"
///     // text: SELECT id FROM cells WHERE session_id = $1 AND title = $2, binds: ["7", "intro"]
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement with `$1`, `$2`, … where values go.
    public private(set) var text: String
    /// The values in PostgreSQL's text format; nil is SQL NULL.
    public private(set) var binds: [String?]

    /// Raw SQL, not checked: only for text the program wrote itself (migrations, identifiers).
    public init(unsafe text: String) {
        self.text = text
        self.binds = []
    }

    public init(stringLiteral value: String) {
        self.init(unsafe: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.text = stringInterpolation.text
        self.binds = stringInterpolation.binds
    }

    /// The text only: safe to print, because values are not part of it.
    public var description: String { text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var binds: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// A value, bound as `$n`.
        public mutating func appendInterpolation(_ value: some SQLParameter) {
            binds.append(value.sqlText.map(Self.withoutNUL))
            text += "$\(binds.count)"
        }

        /// A value or NULL, bound as `$n`.
        public mutating func appendInterpolation(_ value: (some SQLParameter)?) {
            binds.append(value?.sqlText.map(Self.withoutNUL))
            text += "$\(binds.count)"
        }

        /// A double-quoted identifier, for names that cannot be parameters (databases, tables).
        public mutating func appendInterpolation(identifier: String) {
            text += "\"" + Self.withoutNUL(identifier).replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        /// Raw SQL text; see `SQL(unsafe:)`.
        public mutating func appendInterpolation(unsafe raw: String) {
            text += raw
        }

        /// PostgreSQL text cannot hold NUL and libpq's C strings would cut at it; U+FFFD keeps the
        /// place visible, matching `JSONValue.serialized()`.
        static func withoutNUL(_ s: String) -> String {
            containsNUL(s) ? s.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : s
        }

        /// `memchr` over the UTF-8: a result row is ≈ 9 KB of text, bound once per point.
        private static func containsNUL(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { utf8 in
                guard let start = utf8.baseAddress else { return false }
                return memchr(start, 0, utf8.count) != nil
            }
        }
    }
}
