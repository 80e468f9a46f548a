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
    /// OpenRouter's own JSON shape: `{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}`.
    public var jsonValue: JSONValue { JSONValue(writing: write) }

    /// Writes `jsonValue`'s shape straight to JSON text (the stored form of every token).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("token")
        writer.write(token)
        writer.key("logprob")
        writer.write(logprob)
        writer.key("bytes")
        writer.write(bytes)
        writer.key("top_logprobs")
        writer.beginArray()
        for alternative in top {
            writer.beginObject()
            writer.key("token")
            writer.write(alternative.token)
            writer.key("logprob")
            writer.write(alternative.logprob)
            writer.key("bytes")
            writer.write(alternative.bytes)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads one entry of OpenRouter's `logprobs.content` array; nil when it has no token or logprob.
    public init?(json: JSONValue) {
        guard let token = json["token"]?.stringValue, let logprob = json["logprob"]?.doubleValue else { return nil }
        let top = (json["top_logprobs"]?.arrayValue ?? []).compactMap { entry -> Alternative? in
            guard let t = entry["token"]?.stringValue, let l = entry["logprob"]?.doubleValue else { return nil }
            return Alternative(token: t, logprob: l, bytes: Self.bytes(entry["bytes"]))
        }
        self.init(token: token, logprob: logprob, bytes: Self.bytes(json["bytes"]), top: top)
    }

    private static func bytes(_ json: JSONValue?) -> [UInt8]? {
        guard let items = json?.arrayValue else { return nil }
        let bytes = items.compactMap { $0.intValue }.compactMap { UInt8(exactly: $0) }
        return bytes.count == items.count ? bytes : nil
    }
}
