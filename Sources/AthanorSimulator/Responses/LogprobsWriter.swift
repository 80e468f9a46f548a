import AthanorCore

/// Writes token logprobs straight to JSON bytes, the bulk of every body.
///
/// With 20 alternatives a body holds about a hundred small objects; building them as
/// `JSONValue` dictionaries and serializing (sorted keys) would cost more than everything else
/// the simulator does per request, and so would appending them to a `String`. Keys come out in
/// OpenAI's wire order: token, logprob, bytes. A logprob is written as Swift's `description`
/// (always with a fraction or an exponent), a token's UTF-8 bytes as decimal integers.
enum LogprobsWriter {
    /// `{"content": [...], "refusal": null}`.
    static func logprobs(_ tokens: [GeneratedToken], into out: inout JSONWriter) {
        out.raw("{\"content\":[")
        for (index, token) in tokens.enumerated() {
            if index > 0 { out.raw(",") }
            members(token.token, token.logprob, into: &out)
            out.raw(",\"top_logprobs\":[")
            for (rank, alternative) in token.topLogprobs.enumerated() {
                if rank > 0 { out.raw(",") }
                members(alternative.token, alternative.logprob, into: &out)
                out.raw("}")
            }
            out.raw("]}")
        }
        out.raw("],\"refusal\":null}")
    }

    /// `{"token":…,"logprob":…,"bytes":[…]` without the closing brace.
    private static func members(_ token: String, _ logprob: Double, into out: inout JSONWriter) {
        out.raw("{\"token\":")
        out.write(token)
        out.raw(",\"logprob\":")
        // Logprobs are always finite here (the generator never lists a zero probability).
        out.raw(logprob.description)
        out.raw(",\"bytes\":[")
        for (index, byte) in token.utf8.enumerated() {
            if index > 0 { out.raw(",") }
            out.write(Double(byte))
        }
        out.raw("]")
    }
}
