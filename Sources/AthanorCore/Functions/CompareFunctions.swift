import AthanorLanguage

/// `compare(run_a, run_b)`: two runs point by point, as a record (see `RunComparison.value`).
enum CompareFunctions {
    static let all: [String: Builtins.Implementation] = [
        "compare": { call throws(Diagnostic) in
            let a = try call.positional(2...2)
            return try RunComparison(old: run(call, a[0]), new: run(call, a[1])).value
        }
    ]

    private static func run(_ call: Builtins.Call, _ argument: Builtins.Argument) throws(Diagnostic) -> RunValue {
        guard case .run(let run) = argument.value else {
            throw Diagnostic(
                .error, "compare() takes two runs, e.g. compare(run(3), _), got a \(argument.value.typeName)",
                at: argument.range)
        }
        return run
    }
}
