import AthanorCore
import Foundation

/// An answer's tokens as the report's data carries them, as small as they can be read back
/// exactly enough: each token is one flat array `[text, −logprob, alt₁, −logprob₁, alt₂, …]`, the
/// alternatives most likely first as `LogprobMath` orders them, every −logprob with two decimals
/// (a probability to within 0.5 % of itself). A 10,000-point run of five-token answers carries a
/// million alternatives: their encoding is most of the report's size.
enum CompactTokens {
    static func write(_ tokens: [TokenLogprob], to writer: inout JSONWriter) {
        let math = LogprobMath(tokens: tokens)
        writer.beginArray()
        for (position, token) in tokens.enumerated() {
            writer.beginArray()
            writer.write(token.token)
            writer.write(serialized: negativeLogprob(token.logprob))
            for alternative in (try? math.alternatives(at: position)) ?? [] {
                writer.write(alternative.token)
                writer.write(serialized: negativeLogprob(alternative.logprob))
            }
            writer.endArray()
        }
        writer.endArray()
    }

    /// −logprob rounded to two decimals, without trailing zeros: `0.09`, `2.3`, `0`. A missing or
    /// impossible logprob (−∞, NaN) is written as 99 (a probability of e⁻⁹⁹, shown as 0).
    static func negativeLogprob(_ logprob: Double) -> String {
        guard logprob.isFinite else { return "99" }
        let hundredths = Int((-min(logprob, 0) * 100).rounded())
        guard hundredths < 9900 else { return "99" }
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
