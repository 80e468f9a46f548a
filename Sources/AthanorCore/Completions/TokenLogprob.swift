import Foundation

/// One generated token with its log probability and the provider's top alternatives.
///
/// The same shape as an entry of OpenRouter's `logprobs.content` array. `token` may be text that is
/// not a whole character (SPEC §6); `bytes`, when the provider sends them, are the truth.
public struct TokenLogprob: Sendable, Hashable {
    public var token: String
    public var logprob: Double
    public var bytes: [UInt8]?
    public var top: [Alternative]

    public struct Alternative: Sendable, Hashable {
        public var token: String
        public var logprob: Double
        public var bytes: [UInt8]?

        public init(token: String, logprob: Double, bytes: [UInt8]? = nil) {
            self.token = token
            self.logprob = logprob
            self.bytes = bytes
        }

        public var probability: Double { exp(logprob) }
    }

    public init(token: String, logprob: Double, bytes: [UInt8]? = nil, top: [Alternative] = []) {
        self.token = token
        self.logprob = logprob
        self.bytes = bytes
        self.top = top
    }

    public var probability: Double { exp(logprob) }
}

extension TokenLogprob {
    /// OpenRouter's own shape, `{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}`.
    public var jsonValue: JSONValue { JSONValue(writing: { write(to: &$0) }) }

    /// Writes OpenRouter's shape; with `stored`, the stored form, which leaves out `bytes` where
    /// they are exactly the token's UTF-8. They nearly always are (they differ when a token is
    /// part of a character), and leaving them out makes a stored result about 40 % smaller and
    /// halves the time PostgreSQL takes to turn it into jsonb. `null` still says the provider sent
    /// none, and bytes with a NUL are always kept (stored text cannot hold a NUL: the writer puts
    /// U+FFFD there). `init?(storedJSON:)` reads either form back.
    public func write(to writer: inout JSONWriter, stored: Bool = false) {
        writer.beginObject()
        writer.key("token")
        writer.write(token)
        writer.key("logprob")
        writer.write(logprob)
        Self.writeBytes(bytes, of: token, stored: stored, to: &writer)
        writer.key("top_logprobs")
        writer.beginArray()
        for alternative in top {
            writer.beginObject()
            writer.key("token")
            writer.write(alternative.token)
            writer.key("logprob")
            writer.write(alternative.logprob)
            Self.writeBytes(alternative.bytes, of: alternative.token, stored: stored, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads one entry of OpenRouter's `logprobs.content` array; nil when it has no token or logprob.
    public init?(json: JSONValue) {
        self.init(json: json, missingBytes: .none)
    }

    /// Reads back what `write(to:stored:)` wrote: a missing `bytes` is the token's UTF-8.
    public init?(storedJSON json: JSONValue) {
        self.init(json: json, missingBytes: .utf8)
    }

    /// What a token without a `bytes` member has: none (the provider said nothing), or its text's
    /// UTF-8 (the stored form left them out because they said nothing more).
    private enum MissingBytes { case none, utf8 }

    private init?(json: JSONValue, missingBytes: MissingBytes) {
        guard let token = json["token"]?.stringValue, let logprob = json["logprob"]?.doubleValue else { return nil }
        let top = (json["top_logprobs"]?.arrayValue ?? []).compactMap { entry -> Alternative? in
            guard let t = entry["token"]?.stringValue, let l = entry["logprob"]?.doubleValue else { return nil }
            return Alternative(token: t, logprob: l, bytes: Self.bytes(entry["bytes"], of: t, missing: missingBytes))
        }
        self.init(
            token: token, logprob: logprob, bytes: Self.bytes(json["bytes"], of: token, missing: missingBytes), top: top
        )
    }

    private static func writeBytes(_ bytes: [UInt8]?, of token: String, stored: Bool, to writer: inout JSONWriter) {
        if stored, let bytes, !bytes.contains(0), bytes.elementsEqual(token.utf8) { return }
        writer.key("bytes")
        writer.write(bytes)
    }

    private static func bytes(_ json: JSONValue?, of token: String, missing: MissingBytes) -> [UInt8]? {
        guard let json else { return missing == .utf8 ? Array(token.utf8) : nil }
        guard let items = json.arrayValue else { return nil }
        let bytes = items.compactMap { $0.intValue }.compactMap { UInt8(exactly: $0) }
        return bytes.count == items.count ? bytes : nil
    }
}
