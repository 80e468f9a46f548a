import AthanorLanguage

/// Model parameters from a script's record: known keys, right types, ranges (e.g. `top_logprobs` 0–20).
///
/// An unknown key is an error that lists the known ones, so a typo costs nothing.
enum ParameterRules {
    static func apply(
        _ record: Record, to base: ModelParameters, at range: SourceRange, ranges: [String: SourceRange] = [:]
    )
        throws(Diagnostic) -> ModelParameters
    {
        var p = base
        for field in record.fields {
            let where_ = ranges[field.key] ?? range
            let v = field.value
            switch field.key {
            case "temperature": p.temperature = try number(v, field.key, 0...2, at: where_)
            case "top_p": p.topP = try number(v, field.key, 0...1, at: where_)
            case "frequency_penalty": p.frequencyPenalty = try number(v, field.key, -2...2, at: where_)
            case "presence_penalty": p.presencePenalty = try number(v, field.key, -2...2, at: where_)
            case "max_tokens": p.maxTokens = try integer(v, field.key, 1...1_000_000, at: where_)
            case "seed": p.seed = try integer(v, field.key, Int(Int32.min)...Int(Int32.max), at: where_)
            case "top_logprobs": p.topLogprobs = try integer(v, field.key, ModelParameters.topLogprobsRange, at: where_)
            case "stop":
                switch v {
                case .string(let s): p.stop = [s]
                case .list(let items) where items.allSatisfy({ $0.stringValue != nil }) && items.count <= 4:
                    p.stop = items.compactMap(\.stringValue)
                default: throw Diagnostic(.error, "'stop' must be a string or a list of up to 4 strings", at: where_)
                }
            case "provider":
                guard case .record = v else {
                    throw Diagnostic(.error, "'provider' must be a record, e.g. { order: [\"openai\"] }", at: where_)
                }
                p.provider = v.jsonValue
            case "endpoint":
                throw Diagnostic(
                    .error,
                    "'endpoint' is given where the model is declared (model m = \"id\" { endpoint: \"http://…/v1\" }); "
                        + "a sweep compares endpoints with one model per endpoint in 'models:'",
                    at: where_)
            default:
                throw Diagnostic(
                    .error, "unknown model parameter '\(field.key)'", at: where_,
                    suggestion: NameSuggestion.nearest(to: field.key, among: ModelParameters.knownKeys),
                    notes: ["known parameters: " + ModelParameters.knownKeys.joined(separator: ", ")])
            }
        }
        return p
    }

    private static func number(_ v: Value, _ key: String, _ allowed: ClosedRange<Double>, at range: SourceRange)
        throws(Diagnostic) -> Double
    {
        guard case .number(let n) = v else {
            throw Diagnostic(.error, "'\(key)' must be a number, got a \(v.typeName)", at: range)
        }
        guard allowed.contains(n) else {
            throw Diagnostic(
                .error,
                "'\(key)' must be between \(Value.format(allowed.lowerBound)) and \(Value.format(allowed.upperBound)), got \(Value.format(n))",
                at: range)
        }
        return n
    }

    private static func integer(_ v: Value, _ key: String, _ allowed: ClosedRange<Int>, at range: SourceRange)
        throws(Diagnostic) -> Int
    {
        guard case .number(let n) = v, n.rounded() == n, let i = Int(exactly: n) else {
            throw Diagnostic(.error, "'\(key)' must be a whole number, got \(v.shortDescription)", at: range)
        }
        guard allowed.contains(i) else {
            throw Diagnostic(
                .error, "'\(key)' must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(i)", at: range)
        }
        return i
    }
}
