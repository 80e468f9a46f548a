/// One output token with the distribution it was drawn from.
public struct GeneratedToken: Sendable, Equatable {
    public struct Alternative: Sendable, Equatable {
        public var token: String
        public var logprob: Double
    }

    public var token: String
    /// Natural log of the token's probability; always ≤ 0.
    public var logprob: Double
    /// Exactly the requested number of entries, most likely first, including `token`.
    public var topLogprobs: [Alternative]
}

/// The whole simulated answer before it is dressed as JSON or SSE.
public struct GeneratedAnswer: Sendable, Equatable {
    public var tokens: [GeneratedToken]
    /// `"length"` when `max_tokens` cut the answer short, else `"stop"`.
    public var finishReason: String
    public var promptTokens: Int
    /// The request fingerprint, reused for the generation id.
    public var fingerprint: UInt64

    public var text: String { tokens.map(\.token).joined() }
}
