import Foundation

/// The one way a moment is written in JSON output: RFC 3339 in UTC with milliseconds and its
/// offset, `2026-12-04T08:10:55.123Z`, so a script reading it never guesses the zone.
extension JSONValue {
    public static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(timestampStyle))
    }

    /// `timestamp(date)`, or null when there is no date.
    public static func timestamp(_ date: Date?) -> JSONValue {
        date.map(timestamp) ?? .null
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
