import Foundation

/// The logprob functions of the language, over one completion's tokens. Pure, so they are tested
/// with hand-computed numbers.
///
/// Matching trims white space on both sides and adds up every entry of a position's top list that
/// matches, so `prob("Paris")` counts both " Paris" and "Paris". A string absent from the top list
/// has probability 0 and rank nil: its true probability is below the last one listed.
public struct LogprobMath: Sendable {
    public let tokens: [TokenLogprob]

    public init(tokens: [TokenLogprob]) {
        self.tokens = tokens
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case positionOutOfRange(position: Int, count: Int)
        case emptySequence

        public var description: String {
            switch self {
            case .positionOutOfRange(let position, let count):
                count == 0
                    ? "position \(position) does not exist: the answer has no tokens"
                    : "position \(position) is past the last token (the answer has \(count) tokens, positions 0 to \(count - 1))"
            case .emptySequence:
                "the text is empty (or only white space): give the answer's first words, e.g. \"New York\""
            }
        }
    }

    /// The alternatives at `position`, most likely first. A provider that sent no top list still
    /// told us the sampled token, which then stands alone.
    public func alternatives(at position: Int) throws(Failure) -> [TokenLogprob.Alternative] {
        guard tokens.indices.contains(position) else {
            throw .positionOutOfRange(position: position, count: tokens.count)
        }
        let token = tokens[position]
        let top =
            token.top.isEmpty
            ? [TokenLogprob.Alternative(token: token.token, logprob: token.logprob, bytes: token.bytes)] : token.top
        return top.sorted { $0.logprob > $1.logprob }
    }

    /// Probability that the token at `position` is `text`, white space trimmed, matches added up.
    public func probability(of text: String, at position: Int = 0) throws(Failure) -> Double {
        let wanted = Self.trimmed(text)
        return try alternatives(at: position).filter { Self.trimmed($0.token) == wanted }.reduce(0) {
            $0 + $1.probability
        }
    }

    /// `log(probability)`; `-infinity` when the text is not in the top list.
    public func logprob(of text: String, at position: Int = 0) throws(Failure) -> Double {
        log(try probability(of: text, at: position))
    }

    /// Probability of the exact token text, without trimming or adding up.
    public func exactProbability(of text: String, at position: Int = 0) throws(Failure) -> Double {
        try alternatives(at: position).first { $0.token == text }?.probability ?? 0
    }

    /// 1-based place of the first matching entry in the top list, or nil when absent.
    public func rank(of text: String, at position: Int = 0) throws(Failure) -> Int? {
        let wanted = Self.trimmed(text)
        return try alternatives(at: position).firstIndex { Self.trimmed($0.token) == wanted }.map { $0 + 1 }
    }

    /// Shannon entropy in nats over the returned top list at `position` (a lower bound of the
    /// true entropy's contribution from those entries; the unlisted mass is ignored).
    public func entropy(at position: Int = 0) throws(Failure) -> Double {
        try alternatives(at: position).reduce(0) { sum, alt in
            let p = alt.probability
            return p > 0 ? sum - p * log(p) : sum
        }
    }

    /// `exp(-mean logprob)` of the sampled tokens; 1 for an empty answer.
    public func perplexity() -> Double {
        guard !tokens.isEmpty else { return 1 }
        return exp(-tokens.reduce(0) { $0 + $1.logprob } / Double(tokens.count))
    }

    static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
