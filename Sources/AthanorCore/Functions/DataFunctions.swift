import AthanorLanguage
import Foundation

/// `csv(path)`, `jsonl(path)` (relative to the script's folder; read through `DataFiles`) and
/// `range(a, b)`.
enum DataFunctions {
    static let maximumRange = LanguageLimits.rangeCount

    static let all: [String: Builtins.Implementation] = [
        "csv": { call throws(Diagnostic) in
            let a = try call.positional(1...1)[0]
            let text = try read(try call.string(a), call: call, argument: a)
            do {
                return .list(try CSVReader.records(text).map { .record($0) })
            } catch {
                throw Diagnostic(.error, "\(try call.string(a)): \(error)", at: a.range)
            }
        },
        "jsonl": { call throws(Diagnostic) in
            let a = try call.positional(1...1)[0]
            let text = try read(try call.string(a), call: call, argument: a)
            do throws(JSONLFailure) {
                return .list(try jsonlRows(text).map(Value.init(json:)))
            } catch {
                throw Diagnostic(.error, "\(try call.string(a)):\(error.line): \(error.problem)", at: a.range)
            }
        },
        "range": { call throws(Diagnostic) in
            let a = try call.positional(1...2)
            let lower = a.count == 2 ? try call.integer(a[0]) : 0
            let upper = try call.integer(a[a.count - 1])
            guard upper >= lower else { return .list([]) }
            guard upper - lower <= maximumRange else {
                throw Diagnostic(
                    .error, "range(\(lower), \(upper)) is too large (at most \(maximumRange) numbers)", at: call.range)
            }
            return .list((lower..<upper).map { .number(Double($0)) })
        },
    ]

    /// A line of a JSONL file that is not JSON.
    struct JSONLFailure: Error {
        var line: Int
        var problem: JSONParseError
    }

    /// One value per line; blank lines are skipped, and a line may end with CRLF.
    static func jsonlRows(_ text: String) throws(JSONLFailure) -> [JSONValue] {
        var rows: [JSONValue] = []
        // `\r\n` is one Character in Swift: splitting on newline characters takes both endings.
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                rows.append(try JSONValue.parse(String(line)))
            } catch {
                throw JSONLFailure(line: n + 1, problem: error)
            }
        }
        return rows
    }

    /// The file's text (as `DataFiles` serves it: from disk, or a replayed session's stored copy),
    /// without a leading byte-order mark.
    private static func read(_ path: String, call: Builtins.Call, argument: Builtins.Argument) throws(Diagnostic)
        -> String
    {
        let text: String
        do {
            text = try call.context.dataFiles.text(path, baseDirectory: call.context.baseDirectory)
        } catch {
            throw Diagnostic(.error, error.message, at: argument.range)
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
