/// Writes token logprobs straight to JSON bytes, the bulk of every body.
///
/// With 20 alternatives a body holds about a hundred small objects; building them as
/// `JSONValue` dictionaries and serializing (sorted keys) would cost more than everything else
/// the simulator does per request, and so would appending them to a `String`. Keys come out in
/// OpenAI's wire order: token, logprob, bytes. A logprob is written as Swift's `description`
/// (always with a fraction or an exponent), a token's UTF-8 bytes as decimal integers.
enum LogprobsWriter {
    /// `{"content": [...], "refusal": null}`.
    static func logprobs(_ tokens: [GeneratedToken], into out: inout BodyBytes) {
        out.append("{\"content\":[")
        for (index, token) in tokens.enumerated() {
            if index > 0 { out.append(",") }
            members(token.token, token.logprob, into: &out)
            out.append(",\"top_logprobs\":[")
            for (rank, alternative) in token.topLogprobs.enumerated() {
                if rank > 0 { out.append(",") }
                members(alternative.token, alternative.logprob, into: &out)
                out.append("}")
            }
            out.append("]}")
        }
        out.append("],\"refusal\":null}")
    }

    /// `{"token":…,"logprob":…,"bytes":[…]` without the closing brace.
    private static func members(_ token: String, _ logprob: Double, into out: inout BodyBytes) {
        out.append("{\"token\":")
        out.appendQuoted(token)
        out.append(",\"logprob\":")
        // Logprobs are always finite here (the generator never lists a zero probability).
        out.append(logprob.description)
        out.append(",\"bytes\":[")
        var first = true
        for byte in token.utf8 {
            if !first { out.append(",") }
            out.appendDecimal(byte)
            first = false
        }
        out.append("]")
    }
}
