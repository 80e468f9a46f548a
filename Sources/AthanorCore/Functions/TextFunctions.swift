import AthanorLanguage
import Foundation

/// `contains`, `starts_with`, `ends_with`, `matches`, `lower`, `upper`, `trim`, `len`, `split`, `json`.
enum TextFunctions {
    static let all: [String: Builtins.Implementation] = [
        "contains": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            if case .list(let items) = a[0].value { return .bool(items.contains { Operators.equal($0, a[1].value) }) }
            return .bool(try call.string(a[0]).contains(try call.string(a[1])))
        },
        "starts_with": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            return .bool(try call.string(a[0]).hasPrefix(try call.string(a[1])))
        },
        "ends_with": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            return .bool(try call.string(a[0]).hasSuffix(try call.string(a[1])))
        },
        "matches": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            let text = try call.string(a[0])
            let pattern = try call.string(a[1])
            return .bool(try BoundedRegex.matches(text, pattern, patternRange: a[1].range, callRange: call.range))
        },
        "lower": { call throws(Diagnostic) in .string(try call.string(try call.positional(1...1)[0]).lowercased()) },
        "upper": { call throws(Diagnostic) in .string(try call.string(try call.positional(1...1)[0]).uppercased()) },
        "trim": { call throws(Diagnostic) in
            .string(try call.string(try call.positional(1...1)[0]).trimmingCharacters(in: .whitespacesAndNewlines))
        },
        "len": { call throws(Diagnostic) in
            let a = try call.positional(1...1)[0]
            switch a.value {
            case .string(let s): return .number(Double(s.count))
            case .list(let items): return .number(Double(items.count))
            case .record(let r): return .number(Double(r.fields.count))
            case .run(let run): return .number(Double(run.results.count))
            default:
                throw Diagnostic(.error, "len() needs a string, list or record, got a \(a.value.typeName)", at: a.range)
            }
        },
        "split": { call throws(Diagnostic) in
            let a = try call.positional(1...2)
            let text = try call.string(a[0])
            if a.count == 2 {
                let separator = try call.string(a[1])
                guard !separator.isEmpty else {
                    throw Diagnostic(.error, "split() needs a non-empty separator", at: a[1].range)
                }
                return .list(text.components(separatedBy: separator).map(Value.string))
            }
            return .list(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
        },
        "json": { call throws(Diagnostic) in
            let a = try call.positional(1...1)[0]
            let text = try call.string(a)
            do {
                return Value(json: try JSONValue.parse(text))
            } catch {
                throw Diagnostic(
                    .error, "json() could not read \(a.value.shortDescription) as JSON: \(error)", at: a.range)
            }
        },
    ]
}
