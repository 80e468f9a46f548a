import AthanorCore

/// Writes token logprobs straight to JSON text, the bulk of every body.
///
/// With 20 alternatives a body holds about a hundred small objects; building them as
/// `JSONValue` dictionaries and serializing (sorted keys, per-scalar escaping) cost ~2 ms
/// per request in a debug build, which made the simulator, not the client, the bottleneck
/// of the concurrency benchmark. Keys come out in OpenAI's wire order: token, logprob, bytes.
enum LogprobsWriter {
    /// `{"content": [...], "refusal": null}`.
    static func logprobs(_ tokens: [GeneratedToken], into out: inout String) {
        out += "{\"content\":["
        for (index, token) in tokens.enumerated() {
            if index > 0 { out += "," }
            entry(token.token, token.logprob, into: &out)
            out.removeLast()
            out += ",\"top_logprobs\":["
            for (rank, alternative) in token.topLogprobs.enumerated() {
                if rank > 0 { out += "," }
                entry(alternative.token, alternative.logprob, into: &out)
            }
            out += "]}"
        }
        out += "],\"refusal\":null}"
    }

    private static func entry(_ token: String, _ logprob: Double, into out: inout String) {
        out += "{\"token\":"
        string(token, into: &out)
        out += ",\"logprob\":"
        // Logprobs are always finite here (the generator never lists a zero probability).
        out += logprob.description
        out += ",\"bytes\":["
        var separator = ""
        for byte in token.utf8 {
            out += separator
            out += decimal[Int(byte)]
            separator = ","
        }
        out += "]}"
    }

    /// Plain printable ASCII is copied as is; anything else goes through `JSONValue`'s escaping.
    static func string(_ text: String, into out: inout String) {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            out += "\""
            out += text
            out += "\""
        } else {
            out += JSONValue.string(text).serialized()
        }
    }

    private static let decimal: [String] = (0...255).map { String($0) }
}
