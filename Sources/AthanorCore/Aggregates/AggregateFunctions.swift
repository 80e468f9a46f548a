import AthanorLanguage
import Foundation

/// `stddev`, `median`, `quantile`, `share`, `accuracy`, `brier`, `calibration`, `ece`: reductions of
/// lists. Over a run (`show … by`, an aggregate `assert`) each list is an expression's values over
/// the results of a group (`AggregateCall`); `mean`, `sum`, `min`, `max` and `count` are in
/// `NumberFunctions`.
enum AggregateFunctions {
    static let all: [String: Builtins.Implementation] = [
        "stddev": { call throws(Diagnostic) in
            let values = try numbers(call, try call.positional(1...1)[0])
            guard let deviation = Statistics.standardDeviation(values) else {
                throw Diagnostic(
                    .error, "stddev() needs at least 2 numbers, got \(values.count)", at: call.range)
            }
            return .number(deviation)
        },
        "median": { call throws(Diagnostic) in
            try quantile(call, of: try call.positional(1...1)[0], 0.5)
        },
        "quantile": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            let q = try call.number(a[1])
            guard (0...1).contains(q) else {
                throw Diagnostic(
                    .error,
                    "quantile() takes a fraction between 0 and 1 (0.9 for the 90th percentile), got \(Value.format(q))",
                    at: a[1].range)
            }
            return try quantile(call, of: a[0], q)
        },
        "share": { call throws(Diagnostic) in
            let outcomes = try booleans(call, try call.positional(1...1)[0])
            guard !outcomes.isEmpty else { throw Diagnostic(.error, "share() of an empty list", at: call.range) }
            return .number(Double(outcomes.filter { $0 }.count) / Double(outcomes.count))
        },
        "accuracy": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            let predictions = try call.list(a[0])
            let truths = try call.list(a[1])
            try sameLength(call, predictions.count, truths.count, a)
            guard !predictions.isEmpty else {
                throw Diagnostic(.error, "accuracy() of empty lists", at: call.range)
            }
            let right = zip(predictions, truths).filter { Operators.equal($0, $1) }.count
            return .number(Double(right) / Double(predictions.count))
        },
        "brier": { call throws(Diagnostic) in
            let (p, outcomes) = try forecasts(call)
            guard let score = Statistics.brier(p, outcomes) else {
                throw Diagnostic(.error, "brier() of empty lists", at: call.range)
            }
            return .number(score)
        },
        "calibration": { call throws(Diagnostic) in
            let (p, outcomes) = try forecasts(call)
            return .list(
                Statistics.calibration(p, outcomes, bins: try bins(call)).map { bin in
                    .record(
                        Record([
                            .init("bin", .number(Double(bin.index + 1))),
                            .init("from", .number(bin.lower)),
                            .init("to", .number(bin.upper)),
                            .init("count", .number(Double(bin.count))),
                            .init("mean_p", bin.meanProbability.map(Value.number) ?? .null),
                            .init("frequency", bin.frequency.map(Value.number) ?? .null),
                        ]))
                })
        },
        "ece": { call throws(Diagnostic) in
            let (p, outcomes) = try forecasts(call)
            guard let error = Statistics.expectedCalibrationError(p, outcomes, bins: try bins(call)) else {
                throw Diagnostic(.error, "ece() of empty lists", at: call.range)
            }
            return .number(error)
        },
    ]

    /// The names that reduce a list (here and in `NumberFunctions`): over a run, their arguments
    /// are gathered from every result of a group.
    static let reductions: Set<String> = Set(all.keys).union(["mean", "sum", "min", "max", "count"])

    /// Positional arguments that stay one value over a group (the fraction of `quantile`).
    static func isScalar(_ function: String, position: Int) -> Bool { function == "quantile" && position == 1 }

    private static func quantile(_ call: Builtins.Call, of argument: Builtins.Argument, _ q: Double)
        throws(Diagnostic) -> Value
    {
        let values = try numbers(call, argument)
        guard let value = Statistics.quantile(values, q) else {
            throw Diagnostic(.error, "\(call.name)() of an empty list", at: call.range)
        }
        return .number(value)
    }

    private static func numbers(_ call: Builtins.Call, _ argument: Builtins.Argument) throws(Diagnostic) -> [Double] {
        try items(call, argument, "numbers", \.numberValue)
    }

    private static func booleans(_ call: Builtins.Call, _ argument: Builtins.Argument) throws(Diagnostic) -> [Bool] {
        try items(call, argument, "true or false", \.boolValue)
    }

    /// The items of a list argument, each of the type `read` gives; another is an error naming it
    /// and its position.
    private static func items<Item>(
        _ call: Builtins.Call, _ argument: Builtins.Argument, _ what: String, _ read: (Value) -> Item?
    ) throws(Diagnostic) -> [Item] {
        var out: [Item] = []
        for (i, item) in try call.list(argument).enumerated() {
            guard let value = read(item) else {
                throw Diagnostic(
                    .error,
                    "\(call.name)() needs \(what), got a \(item.typeName) (\(item.shortDescription)) at item \(i)",
                    at: argument.range)
            }
            out.append(value)
        }
        return out
    }

    /// `(p, outcome)`: probabilities between 0 and 1 and as many true/false outcomes.
    private static func forecasts(_ call: Builtins.Call) throws(Diagnostic) -> ([Double], [Bool]) {
        let a = try call.positional(2...2)
        let p = try numbers(call, a[0])
        if let i = p.firstIndex(where: { !(0...1).contains($0) }) {
            throw Diagnostic(
                .error, "\(call.name)() needs probabilities between 0 and 1, got \(Value.format(p[i])) at item \(i)",
                at: a[0].range)
        }
        let outcomes = try booleans(call, a[1])
        try sameLength(call, p.count, outcomes.count, a)
        return (p, outcomes)
    }

    private static func sameLength(_ call: Builtins.Call, _ a: Int, _ b: Int, _ arguments: [Builtins.Argument])
        throws(Diagnostic)
    {
        guard a == b else {
            throw Diagnostic(
                .error, "\(call.name)() needs two lists of the same length, got \(a) and \(b)",
                at: arguments[1].range)
        }
    }

    private static func bins(_ call: Builtins.Call) throws(Diagnostic) -> Int {
        guard let argument = call.labelled("bins") else { return 10 }
        let bins = try call.integer(argument)
        guard (1...1000).contains(bins) else {
            throw Diagnostic(.error, "\(call.name)() takes 1 to 1000 bins, got \(bins)", at: argument.range)
        }
        return bins
    }
}
