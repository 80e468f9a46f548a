import AthanorCore

/// A chat-completion body as read by `ResponseDecoder`: the JSON, except that the first choice's
/// `logprobs.content` array is decoded straight into `tokens` and left out of `json`.
///
/// That array is nearly all of a response's bytes; reading it into a tree of dictionaries and
/// then into tokens cost more CPU than everything else a request does. Every other member, and
/// every shape that is not the usual one, is read as plain `JSONValue`, so the decoder's checks
/// (errors, missing choices) see the body as it was.
struct ResponseBody {
    var json: JSONValue
    /// `choices[0].logprobs.content` when it was an array; nil when it was anything else or absent.
    var tokens: [TokenLogprob]?

    init(_ body: [UInt8]) throws(JSONParseError) {
        var tokens: [TokenLogprob]? = nil
        json = try JSONParser.read(body) { parser throws(JSONParseError) -> JSONValue in
            guard parser.nextStarts(with: "{") else { return try parser.readValue() }
            var members: [String: JSONValue] = [:]
            try parser.readObject { parser, key throws(JSONParseError) in
                guard key == "choices" else { return members[key] = try parser.readValue() }
                tokens = nil
                guard parser.nextStarts(with: "[") else { return members[key] = try parser.readValue() }
                var choices: [JSONValue] = []
                try parser.readArray { parser throws(JSONParseError) in
                    if choices.isEmpty, parser.nextStarts(with: "{") {
                        choices.append(try Self.readChoice(&parser, tokens: &tokens))
                    } else {
                        choices.append(try parser.readValue())
                    }
                }
                members[key] = .array(choices)
            }
            return .object(members)
        }
        self.tokens = tokens
    }

    /// A choice object, with `logprobs.content` taken out into `tokens` when it is an array.
    private static func readChoice(_ parser: inout JSONParser, tokens: inout [TokenLogprob]?) throws(JSONParseError)
        -> JSONValue
    {
        var members: [String: JSONValue] = [:]
        try parser.readObject { parser, key throws(JSONParseError) in
            guard key == "logprobs" else { return members[key] = try parser.readValue() }
            tokens = nil
            guard parser.nextStarts(with: "{") else { return members[key] = try parser.readValue() }
            var logprobs: [String: JSONValue] = [:]
            try parser.readObject { parser, key throws(JSONParseError) in
                if key == "content" {
                    tokens = nil
                    if parser.nextStarts(with: "[") {
                        tokens = try TokenLogprob.readList(from: &parser)
                        return logprobs[key] = nil
                    }
                }
                logprobs[key] = try parser.readValue()
            }
            members[key] = .object(logprobs)
        }
        return .object(members)
    }
}
