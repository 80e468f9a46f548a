/// Reading `logprobs.content` straight from a response body, without building a `JSONValue` for
/// each of its ≈ 100 objects: the bulk of every response (5 tokens × 20 alternatives ≈ 9 KB).
///
/// Gives exactly what `init?(json:)` gives for the same JSON (tested on every fixture): entries
/// without a token or a logprob are dropped, `bytes` that are not all bytes are nil, and
/// `top_logprobs` that is not a list is empty.
extension TokenLogprob {
    /// Reads the array that comes next as tokens.
    public static func readList(from parser: inout JSONParser) throws(JSONParseError) -> [TokenLogprob] {
        var tokens: [TokenLogprob] = []
        try parser.readArray { parser throws(JSONParseError) in
            if let token = try read(from: &parser) { tokens.append(token) }
        }
        return tokens
    }

    /// Reads the value that comes next as one token; nil (value consumed) when it is not one.
    static func read(from parser: inout JSONParser) throws(JSONParseError) -> TokenLogprob? {
        guard parser.nextStarts(with: "{") else {
            _ = try parser.readValue()
            return nil
        }
        var entry = Entry()
        var top: [Alternative] = []
        try parser.readObject { parser, key throws(JSONParseError) in
            if key == "top_logprobs" {
                top = []
                guard parser.nextStarts(with: "[") else { return _ = try parser.readValue() }
                try parser.readArray { parser throws(JSONParseError) in
                    guard parser.nextStarts(with: "{") else { return _ = try parser.readValue() }
                    var alternative = Entry()
                    try parser.readObject { parser, key throws(JSONParseError) in
                        try alternative.read(key, from: &parser)
                    }
                    if let token = alternative.token, let logprob = alternative.logprob {
                        top.append(Alternative(token: token, logprob: logprob, bytes: alternative.bytes))
                    }
                }
            } else {
                try entry.read(key, from: &parser)
            }
        }
        guard let token = entry.token, let logprob = entry.logprob else { return nil }
        return TokenLogprob(token: token, logprob: logprob, bytes: entry.bytes, top: top)
    }

    /// The fields a token and an alternative share, as they are read.
    private struct Entry {
        var token: String?
        var logprob: Double?
        var bytes: [UInt8]?

        mutating func read(_ key: String, from parser: inout JSONParser) throws(JSONParseError) {
            switch key {
            case "token": token = try parser.readValue().stringValue
            case "logprob": logprob = try parser.readValue().doubleValue
            case "bytes":
                bytes = nil
                guard parser.nextStarts(with: "[") else { return _ = try parser.readValue() }
                var read: [UInt8]? = []
                try parser.readArray { parser throws(JSONParseError) in
                    let byte = try parser.readValue().intValue.flatMap { UInt8(exactly: $0) }
                    if let byte { read?.append(byte) } else { read = nil }
                }
                bytes = read
            default: _ = try parser.readValue()
            }
        }
    }
}
