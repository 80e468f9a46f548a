import AthanorLanguage
import Foundation

/// `prob`, `logprob`, `prob_exact`, `rank`, `entropy`, `perplexity`, `seq_logprob`, `seq_prob`:
/// over the current result's last turn, or the one `turn:` names (1-based).
///
/// Where the provider returned no logprobs these are an error for that result, never a silent 0.
enum LogprobFunctions {
    static let all: [String: Builtins.Implementation] = [
        "prob": { call throws(Diagnostic) in
            let (math, text, position) = try textArguments(call)
            return .number(
                try run(call) { () throws(LogprobMath.Failure) in try math.probability(of: text, at: position) })
        },
        "logprob": { call throws(Diagnostic) in
            let (math, text, position) = try textArguments(call)
            return .number(try run(call) { () throws(LogprobMath.Failure) in try math.logprob(of: text, at: position) })
        },
        "prob_exact": { call throws(Diagnostic) in
            let (math, text, position) = try textArguments(call)
            return .number(
                try run(call) { () throws(LogprobMath.Failure) in try math.exactProbability(of: text, at: position) })
        },
        "rank": { call throws(Diagnostic) in
            let (math, text, position) = try textArguments(call)
            let rank = try run(call) { () throws(LogprobMath.Failure) in try math.rank(of: text, at: position) }
            return rank.map { .number(Double($0)) } ?? .null
        },
        "entropy": { call throws(Diagnostic) in
            _ = try call.positional(0...0)
            let math = try logprobs(call)
            let position = try call.labelled("at").map { a throws(Diagnostic) in try call.integer(a) } ?? 0
            return .number(try run(call) { () throws(LogprobMath.Failure) in try math.entropy(at: position) })
        },
        "perplexity": { call throws(Diagnostic) in
            _ = try call.positional(0...0)
            return .number(try logprobs(call).perplexity())
        },
        "seq_logprob": { call throws(Diagnostic) in
            let text = try call.string(try call.positional(1...1)[0])
            let math = try logprobs(call)
            let sum = try run(call) { () throws(LogprobMath.Failure) in try math.sequenceLogprob(of: text) }
            return sum.map(Value.number) ?? .null
        },
        "seq_prob": { call throws(Diagnostic) in
            let text = try call.string(try call.positional(1...1)[0])
            let math = try logprobs(call)
            let p = try run(call) { () throws(LogprobMath.Failure) in try math.sequenceProbability(of: text) }
            return p.map(Value.number) ?? .null
        },
    ]

    /// The tokens of the current result's last turn (or of its `turn:`), or the error that explains
    /// why there are none.
    static func logprobs(_ call: Builtins.Call) throws(Diagnostic) -> LogprobMath {
        guard let result = call.scope.result else {
            throw Diagnostic(
                .error, "\(call.name)() reads the tokens of one result; use it in 'assert' or 'show' over a run",
                at: call.range)
        }
        let chosen = try turn(call, of: result)
        guard let completion = chosen ?? result.completion else {
            throw Diagnostic(
                .error, "\(call.name)(): this point has no answer (\(result.error ?? "it failed"))", at: call.range)
        }
        guard let tokens = completion.tokens else {
            throw Diagnostic(
                .error, "\(call.name)(): no logprobs from \(completion.provider ?? "the provider") for this answer",
                at: call.range)
        }
        return LogprobMath(tokens: tokens)
    }

    /// The completion of the turn `turn:` names (1-based), nil without `turn:`.
    private static func turn(_ call: Builtins.Call, of result: ResultValue) throws(Diagnostic) -> Completion? {
        guard let argument = call.labelled("turn") else { return nil }
        let n = try call.integer(argument)
        let count = result.turns.count
        guard n >= 1, n <= count else {
            let has =
                count == 0
                ? "the result has no turns" : "the result has \(count) turn\(count == 1 ? "" : "s") (1 to \(count))"
            let stopped = result.error.map { "; it stopped: \($0)" } ?? ""
            throw Diagnostic(
                .error, "\(call.name)(): turn \(n) does not exist: \(has)\(stopped)", at: argument.range,
                notes: ["turns count from 1, as in `turns[i].turn`"])
        }
        return result.turns[n - 1].completion
    }

    private static func textArguments(_ call: Builtins.Call) throws(Diagnostic) -> (LogprobMath, String, Int) {
        let a = try call.positional(1...1)
        let text = try call.string(a[0])
        let position = try call.labelled("at").map { a throws(Diagnostic) in try call.integer(a) } ?? 0
        return (try logprobs(call), text, position)
    }

    private static func run<T>(_ call: Builtins.Call, _ body: () throws(LogprobMath.Failure) -> T) throws(Diagnostic)
        -> T
    {
        do {
            return try body()
        } catch {
            throw Diagnostic(.error, "\(call.name)(): \(error)", at: call.range)
        }
    }
}
