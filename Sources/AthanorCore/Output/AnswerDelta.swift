/// A piece of an `ask`'s answer, shown while the rest is still arriving.
///
/// A retried request starts its answer over: pieces of a later `attempt` replace, on screen, what
/// the failed one had shown. The `answers` event that follows the pieces holds the whole answer.
public struct AnswerDelta: Sendable, Hashable {
    /// The model's name in the script, e.g. `mini`.
    public var modelName: String
    /// The model id asked for, e.g. `openai/gpt-4o-mini` (the piece may name the one serving it).
    public var modelID: String
    /// 1 for the first request, 2 for its first retry, and so on.
    public var attempt: Int
    public var delta: CompletionDelta

    public init(modelName: String, modelID: String, attempt: Int, delta: CompletionDelta) {
        self.modelName = modelName
        self.modelID = modelID
        self.attempt = attempt
        self.delta = delta
    }
}
