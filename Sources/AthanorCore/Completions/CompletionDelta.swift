/// A piece of an answer as it arrives from a provider that streams: the text it adds and the
/// tokens (with their logprobs) that came with it.
///
/// The two need not line up: a chunk may carry text and no logprob entries, several entries, or
/// entries and an empty text (SPEC §3). The served model and provider are repeated on every
/// piece, as far as they are known, so a consumer can name them from the first piece it sees.
public struct CompletionDelta: Sendable, Hashable {
    public var text: String
    public var tokens: [TokenLogprob]
    /// The model that is serving the request, when the stream has said.
    public var model: String?
    /// The upstream provider, when the stream has said.
    public var provider: String?

    public init(text: String, tokens: [TokenLogprob] = [], model: String? = nil, provider: String? = nil) {
        self.text = text
        self.tokens = tokens
        self.model = model
        self.provider = provider
    }

    /// A whole answer as one piece (what a provider that cannot stream reports).
    public init(whole completion: Completion) {
        self.init(
            text: completion.text, tokens: completion.tokens ?? [], model: completion.model,
            provider: completion.provider)
    }

    /// Neither text nor tokens: nothing to show.
    public var isEmpty: Bool { text.isEmpty && tokens.isEmpty }
}
