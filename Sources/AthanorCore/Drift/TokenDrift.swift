import Foundation

/// How far two answers' token distributions moved: the per-position measures behind `compare`
/// and `replay --diff`. Pure, so it is tested with hand-computed numbers.
///
/// Sums and counts are kept rather than means, so a run's drift pools every token position of
/// every point (a long answer weighs more than a one-token one, as it should for "per position").
public struct TokenDrift: Sendable, Hashable {
    /// Positions where both answers' most likely token is the same.
    public var agreeingPositions = 0
    /// Positions in the longer answer: a position only one answer has counts as a disagreement.
    public var positions = 0
    /// Sum of |old logprob − new logprob| of the sampled tokens, over positions both answers have.
    public var absoluteLogprobDelta = 0.0
    public var sharedPositions = 0
    /// Sum of KL(old ‖ new) in nats over the positions whose top lists share at least one token.
    public var divergence = 0.0
    public var divergencePositions = 0

    public init() {}

    /// Compares the tokens of one old answer with one new answer, position by position.
    public init(old: [TokenLogprob], new: [TokenLogprob]) {
        positions = max(old.count, new.count)
        sharedPositions = min(old.count, new.count)
        for i in 0..<sharedPositions {
            if Self.topToken(old[i]) == Self.topToken(new[i]) { agreeingPositions += 1 }
            absoluteLogprobDelta += abs(old[i].logprob - new[i].logprob)
            if let kl = Self.divergence(old: old[i], new: new[i]) {
                divergence += kl
                divergencePositions += 1
            }
        }
    }

    /// Share of positions whose top-1 token agrees; nil when neither answer has a token.
    public var topOneAgreement: Double? { positions == 0 ? nil : Double(agreeingPositions) / Double(positions) }
    /// Mean |Δ logprob| of the sampled tokens; nil without a shared position.
    public var meanAbsoluteLogprobDelta: Double? {
        sharedPositions == 0 ? nil : absoluteLogprobDelta / Double(sharedPositions)
    }
    /// Mean KL divergence over the shared top-k; nil when no position shares a token.
    public var meanDivergence: Double? { divergencePositions == 0 ? nil : divergence / Double(divergencePositions) }

    /// Pools another point's positions into this one.
    public static func + (a: TokenDrift, b: TokenDrift) -> TokenDrift {
        var sum = a
        sum.agreeingPositions += b.agreeingPositions
        sum.positions += b.positions
        sum.absoluteLogprobDelta += b.absoluteLogprobDelta
        sum.sharedPositions += b.sharedPositions
        sum.divergence += b.divergence
        sum.divergencePositions += b.divergencePositions
        return sum
    }

    /// The most likely token at a position: the head of its top list, or the sampled token when
    /// the provider sent no list.
    static func topToken(_ token: TokenLogprob) -> String {
        token.top.max { $0.logprob < $1.logprob }?.token ?? token.token
    }

    /// KL(P ‖ Q) where P and Q are the old and new top lists restricted to the tokens both list
    /// and renormalized over them. Top-k lists are truncated differently from run to run, so only
    /// the shared support is comparable; nil when nothing is shared.
    static func divergence(old: TokenLogprob, new: TokenLogprob) -> Double? {
        let p = distribution(old)
        let q = distribution(new)
        let shared = Set(p.keys).intersection(q.keys)
        guard !shared.isEmpty else { return nil }
        let pTotal = shared.reduce(0) { $0 + p[$1]! }
        let qTotal = shared.reduce(0) { $0 + q[$1]! }
        guard pTotal > 0, qTotal > 0 else { return nil }
        return shared.reduce(0) { sum, token in
            let pi = p[token]! / pTotal
            let qi = q[token]! / qTotal
            return pi > 0 ? sum + pi * log(pi / qi) : sum
        }
    }

    /// Token → probability at one position (a token listed twice keeps its first entry).
    private static func distribution(_ token: TokenLogprob) -> [String: Double] {
        let entries =
            token.top.isEmpty ? [TokenLogprob.Alternative(token: token.token, logprob: token.logprob)] : token.top
        var result: [String: Double] = [:]
        for entry in entries where result[entry.token] == nil { result[entry.token] = exp(entry.logprob) }
        return result
    }
}
