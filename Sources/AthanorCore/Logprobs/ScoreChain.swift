import Foundation

/// Scoring a given continuation through a chat API, one token at a time (language.md, "Scoring a
/// given continuation"): each step's top list is given to `take(_:)`, which keeps the entry whose
/// bytes are the longest prefix of what is left of the continuation and says whether to go on.
///
/// The same steps read back from stored turns give the same chain, so a stored result keeps only
/// the continuation and its turns.
public struct ScoreChain: Sendable, Hashable {
    /// The continuation asked for.
    public let continuation: String
    private let target: [UInt8]
    /// Bytes of the continuation scored so far.
    public private(set) var consumed = 0
    /// White space the first step's token put before the continuation (`" New"` for `"New York"`).
    private var lead: [UInt8] = []
    /// One token per step taken: its text, logprob, and that step's top list.
    public private(set) var tokens: [TokenLogprob] = []
    /// Set when a step's top list held no prefix of the rest: what the chain knows at that step.
    public private(set) var stop: Stop?
    /// A step's most likely token repeated the first step's instead of continuing it.
    public private(set) var restarted = false

    /// Where scoring stopped: the step whose top list held no prefix of the rest.
    public struct Stop: Sendable, Hashable {
        /// 1-based, counting the steps sent.
        public var step: Int
        /// The lowest logprob that step listed; nil when it listed nothing.
        public var lowestListed: Double?
    }

    public init(continuation: String) {
        self.continuation = continuation
        target = Array(continuation.utf8)
    }

    /// Scoring is over: the continuation is used up, or a step stopped it.
    public var isFinished: Bool { stop != nil || isComplete }
    public var isComplete: Bool { stop == nil && consumed == target.count }

    /// The text scored so far, with the first step's white space: what the prefill continues with.
    public var output: String { String(decoding: lead + target[..<consumed], as: UTF8.self) }

    /// Sum of the steps' logprobs, when the whole continuation was scored.
    public var logprob: Double? { isComplete ? scoredLogprob : nil }

    /// Sum of the logprobs of the steps taken.
    public var scoredLogprob: Double { tokens.reduce(0) { $0 + $1.logprob } }

    /// The logprob when complete; else the scored steps' sum plus the lowest logprob listed where it
    /// stopped (the token that would have continued is less likely than every listed one).
    public var upperBound: Double? {
        if isComplete { return scoredLogprob }
        guard let stop else { return nil }
        return scoredLogprob + (stop.lowestListed ?? 0)
    }

    /// Characters of the continuation scored before it stopped; nil unless it stopped.
    public var stoppedAt: Int? {
        guard stop != nil else { return nil }
        return String(decoding: target[..<consumed], as: UTF8.self).count
    }

    /// Takes one step from its top list (most likely first or not), and says whether to send another.
    @discardableResult
    public mutating func take(_ top: [TokenLogprob.Alternative]) -> Bool {
        guard !isFinished else { return false }
        let first = tokens.isEmpty
        if !first, let likeliest = top.max(by: { $0.logprob < $1.logprob }),
            Self.trimmed(likeliest.token) == Self.trimmed(tokens[0].token), !Self.trimmed(likeliest.token).isEmpty,
            Self.match(likeliest, remaining: target[consumed...], first: false) == nil
        {
            restarted = true
        }
        guard let (index, match) = Self.choose(top, remaining: target[consumed...], first: first) else {
            stop = Stop(step: tokens.count + 1, lowestListed: top.map(\.logprob).min())
            return false
        }
        let entry = top[index]
        if first { lead = Array(Self.bytes(of: entry).prefix(match.lead)) }
        consumed += match.length
        tokens.append(TokenLogprob(token: entry.token, logprob: entry.logprob, bytes: entry.bytes, top: top))
        return !isFinished
    }

    /// How an entry matches the rest: white space before it (first step only) and bytes of the rest.
    struct Match: Equatable {
        var lead: Int
        var length: Int
    }

    /// The entry of `top` whose bytes are the longest prefix of `remaining` (the most likely of
    /// equally long ones), or nil when none is.
    static func choose(_ top: [TokenLogprob.Alternative], remaining: ArraySlice<UInt8>, first: Bool) -> (
        Int, Match
    )? {
        var best: (Int, Match)?
        for (index, entry) in top.enumerated() {
            guard let match = match(entry, remaining: remaining, first: first) else { continue }
            if let (bestIndex, bestMatch) = best {
                if match.length < bestMatch.length { continue }
                if match.length == bestMatch.length, entry.logprob <= top[bestIndex].logprob { continue }
            }
            best = (index, match)
        }
        return best
    }

    /// How `entry` matches the start of `remaining`; nil when it does not, or would consume nothing.
    /// At the first step, white space before the text matches when the continuation has none there.
    static func match(_ entry: TokenLogprob.Alternative, remaining: ArraySlice<UInt8>, first: Bool) -> Match? {
        let bytes = bytes(of: entry)
        var lead = 0
        if first, let start = remaining.first, !isWhiteSpace(start) {
            lead = bytes.prefix(while: isWhiteSpace).count
        }
        let text = bytes.dropFirst(lead)
        guard !text.isEmpty, text.count <= remaining.count, remaining.starts(with: text) else { return nil }
        return Match(lead: lead, length: text.count)
    }

    /// An entry's bytes: those the provider sent, else its text's UTF-8.
    private static func bytes(of entry: TokenLogprob.Alternative) -> [UInt8] {
        entry.bytes ?? Array(entry.token.utf8)
    }

    /// Spaces, tabs and line breaks.
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension ScoreChain {
    /// What every step of a chain is sent with: the model's parameters, with one token
    /// (`max_tokens: 1`), the most alternatives (`top_logprobs: 20`) and no `stop`, which could
    /// cut the one token.
    public static func stepParameters(_ parameters: ModelParameters) -> ModelParameters {
        var sent = parameters
        sent.maxTokens = 1
        sent.topLogprobs = ModelParameters.topLogprobsRange.upperBound
        sent.stop = nil
        return sent
    }

    /// The requests of step `step` onwards: the prompt's messages with `output` appended to its
    /// own prefill (a final `assistant` message), or as a new final one.
    public func messages(after prompt: [ChatMessage]) -> [ChatMessage] {
        let scored = output
        guard !scored.isEmpty else { return prompt }
        var messages = prompt
        if let last = messages.last, last.role == .assistant {
            messages[messages.count - 1].content = last.content + scored
        } else {
            messages.append(ChatMessage(role: .assistant, content: scored))
        }
        return messages
    }

    /// The chain its stored steps give: each turn's top list taken in order (the sampled token
    /// alone when the provider listed no alternatives).
    public init(continuation: String, steps: [Completion]) {
        self.init(continuation: continuation)
        for step in steps where !isFinished {
            take(Self.topList(of: step))
        }
    }

    /// The top list a step's answer gives: its first token's alternatives, or that token alone;
    /// nothing for an answer without tokens.
    public static func topList(of completion: Completion) -> [TokenLogprob.Alternative] {
        guard let token = completion.tokens?.first else { return [] }
        if !token.top.isEmpty { return token.top }
        return [TokenLogprob.Alternative(token: token.token, logprob: token.logprob, bytes: token.bytes)]
    }

    /// The scored text as one answer: `output`, one token per step, the steps' usage and time summed.
    public func completion(steps: [Completion]) -> Completion {
        var usage: Completion.Usage?
        for step in steps {
            guard let u = step.usage else { continue }
            let before = usage ?? Completion.Usage(promptTokens: 0, completionTokens: 0, cost: nil)
            usage = Completion.Usage(
                promptTokens: before.promptTokens + u.promptTokens,
                completionTokens: before.completionTokens + u.completionTokens,
                totalTokens: before.totalTokens + u.totalTokens,
                cost: u.cost.map { (before.cost ?? 0) + $0 } ?? before.cost)
        }
        return Completion(
            id: steps.last?.id, model: steps.last?.model, provider: steps.last?.provider, text: output,
            finishReason: nil, tokens: tokens, usage: usage,
            latencyMilliseconds: steps.reduce(0) { $0 + $1.latencyMilliseconds })
    }

    /// The `scored` record's fields, as the language and JSON show them.
    public var jsonValue: JSONValue {
        [
            "text": .string(continuation), "complete": .bool(isComplete), "logprob": JSONValue(logprob),
            "prob": JSONValue(logprob.map(exp)), "steps": JSONValue(tokens.count + (stop == nil ? 0 : 1)),
            "stopped_at": JSONValue(stoppedAt), "upper_bound": JSONValue(upperBound), "restarted": .bool(restarted),
        ]
    }
}
