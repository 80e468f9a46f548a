import AthanorLanguage
import Foundation

/// `csv(path)`, `jsonl(path)` (relative to the script's folder) and `range(a, b)`.
enum DataFunctions {
    /// Larger ranges are almost certainly a typo, and would exhaust memory.
    static let maximumRange = 1_000_000

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
            var rows: [Value] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    rows.append(Value(json: try JSONValue.parse(String(line))))
                } catch {
                    throw Diagnostic(.error, "\(try call.string(a)):\(n + 1): \(error)", at: a.range)
                }
            }
            return .list(rows)
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

    private static func read(_ path: String, call: Builtins.Call, argument: Builtins.Argument) throws(Diagnostic)
        -> String
    {
        let url =
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : call.context.baseDirectory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic(.error, "cannot read '\(path)' (looked for \(url.path))", at: argument.range)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
