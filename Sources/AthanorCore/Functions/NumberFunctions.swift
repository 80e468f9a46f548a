import AthanorLanguage
import Foundation

/// `abs`, `exp`, `log`, `round`, `min`, `max`, `sum`, `mean`, `count`.
enum NumberFunctions {
    static let all: [String: Builtins.Implementation] = [
        "abs": { call throws(Diagnostic) in .number(abs(try call.number(try call.positional(1...1)[0]))) },
        "exp": { call throws(Diagnostic) in .number(Foundation.exp(try call.number(try call.positional(1...1)[0]))) },
        "log": { call throws(Diagnostic) in .number(Foundation.log(try call.number(try call.positional(1...1)[0]))) },
        "round": { call throws(Diagnostic) in
            let a = try call.positional(1...2)
            let x = try call.number(a[0])
            let digits = a.count == 2 ? try call.integer(a[1]) : 0
            let scale = pow(10, Double(digits))
            let rounded = (x * scale).rounded() / scale
            // Past about 308 digits either way the scale is inf or 0 and the answer would be nan.
            guard rounded.isFinite || !x.isFinite else {
                throw Diagnostic(.error, "round() cannot round to \(digits) digits", at: a[1].range)
            }
            return .number(rounded)
        },
        "min": { call throws(Diagnostic) in try extreme(call, pick: <) },
        "max": { call throws(Diagnostic) in try extreme(call, pick: >) },
        "sum": { call throws(Diagnostic) in .number(try numbers(call).reduce(0, +)) },
        "mean": { call throws(Diagnostic) in
            let values = try numbers(call)
            guard !values.isEmpty else { throw Diagnostic(.error, "mean() of an empty list", at: call.range) }
            return .number(values.reduce(0, +) / Double(values.count))
        },
        "count": { call throws(Diagnostic) in
            let a = try call.positional(1...1)[0]
            let items = try call.list(a)
            // A list of booleans counts the true ones; any other list counts its items.
            if !items.isEmpty, items.allSatisfy({ $0.boolValue != nil }) {
                return .number(Double(items.filter { $0.boolValue == true }.count))
            }
            return .number(Double(items.count))
        },
    ]

    /// The numbers of one list argument, or of several number arguments.
    private static func numbers(_ call: Builtins.Call) throws(Diagnostic) -> [Double] {
        let a = try call.positional(1...Int.max)
        let items: [(Value, SourceRange)] =
            if a.count == 1, case .list(let list) = a[0].value { list.map { ($0, a[0].range) } } else {
                a.map { ($0.value, $0.range) }
            }
        var out: [Double] = []
        for (value, range) in items {
            guard case .number(let n) = value else {
                throw Diagnostic(
                    .error, "\(call.name)() needs numbers, got a \(value.typeName) (\(value.shortDescription))",
                    at: range)
            }
            out.append(n)
        }
        return out
    }

    private static func extreme(_ call: Builtins.Call, pick: (Double, Double) -> Bool) throws(Diagnostic) -> Value {
        let values = try numbers(call)
        guard var best = values.first else {
            throw Diagnostic(.error, "\(call.name)() of an empty list", at: call.range)
        }
        for v in values.dropFirst() where pick(v, best) { best = v }
        return .number(best)
    }
}
