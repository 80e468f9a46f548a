import Foundation

/// Turns a request and a scenario into tokens with believable, reproducible logprobs.
///
/// Everything random is drawn from `SplitMix64` seeded by the request fingerprint (model,
/// messages, temperature, seed) and the token position, so the same request always yields
/// the same answer, while a new seed or prompt changes it. Each position's distribution is:
/// the scripted token with probability `p` (the rule's confidence for the first token, 0.55–0.99
/// later), scripted alternatives sharing 80% of the rest, then filler words decaying
/// geometrically; the unlisted tail keeps the remainder, so listed probabilities sum below 1.
/// Without a temperature, or at 0, the scripted token is always chosen (greedy); above 0 the
/// token is sampled from the listed candidates sharpened or flattened by the temperature. A
/// request that ends with an assistant message (a prefill) ending with the script's first tokens
/// is answered with the rest of the script, each token at its own position.
public struct AnswerGenerator: Sendable {
    public var scenario: Scenario

    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    public func answer(_ request: ChatRequest) -> GeneratedAnswer {
        answer(request, rule: scenario.rule(forPrompt: request.lastUserMessage, model: request.model))
    }

    /// The answer when the caller already looked up the scenario's rule for this request.
    func answer(_ request: ChatRequest, rule: ScenarioRule?) -> GeneratedAnswer {
        let fingerprint = request.fingerprint
        let text = rule?.answer ?? Self.defaultSentence(fingerprint: fingerprint)
        let scripted = Tokenizer.tokens(of: text)
        // A certain token would leave no mass for the listed alternatives (log 0 = -inf).
        let firstConfidence = min(rule?.confidence ?? scenario.defaultConfidence, 0.999_999)
        let alternatives = (rule?.alternatives ?? []).compactMap { Tokenizer.tokens(of: $0).first }
        // After an assistant prefill that ends with the script's first tokens, the answer goes on from there.
        let start = Self.continuationStart(of: scripted, after: request.assistantPrefill)
        let kept = min(scripted.count, start + request.maxTokens)
        let tokens = (start..<kept).map { position in
            var random = SplitMix64(seed: fingerprint ^ (UInt64(position + 1) &* 0x9e37_79b9_7f4a_7c15))
            let confidence = position == 0 ? firstConfidence : 0.55 + 0.44 * random.nextUnit()
            let candidates = Self.candidates(
                primary: scripted[position], confidence: confidence,
                alternatives: position == 0 ? alternatives : [],
                count: max(request.topLogprobs ?? 0, 5), random: &random)
            return Self.pick(
                from: candidates, temperature: request.temperature ?? 0,
                listed: request.topLogprobs ?? 0, random: &random)
        }
        let promptTokens = request.messages.reduce(0) { $0 + Tokenizer.count($1.content) }
        return GeneratedAnswer(
            tokens: tokens, finishReason: scripted.count > kept ? "length" : "stop",
            promptTokens: promptTokens, fingerprint: fingerprint)
    }

    /// How many of the script's tokens the prefill already holds: the most whose text it ends with
    /// (0 without a prefill, or when it ends with none of them).
    static func continuationStart(of scripted: [String], after prefill: String?) -> Int {
        guard let prefill, !prefill.isEmpty else { return 0 }
        var text = scripted.joined()
        for count in stride(from: scripted.count, to: 0, by: -1) {
            if prefill.hasSuffix(text) { return count }
            text.removeLast(scripted[count - 1].count)
        }
        return 0
    }

    /// At least `count` distinct candidates, most likely first, the primary at rank 1.
    static func candidates(
        primary: String, confidence: Double, alternatives: [String], count: Int, random: inout SplitMix64
    ) -> [GeneratedToken.Alternative] {
        // A list, not a Set: for two dozen short tokens comparing beats hashing.
        var used = [primary]
        used.reserveCapacity(count + alternatives.count)
        func insert(_ token: String) -> Bool {
            guard !used.contains(token) else { return false }
            used.append(token)
            return true
        }
        var result = [(primary, confidence)]
        result.reserveCapacity(count + alternatives.count)
        let rest = 1 - confidence
        let distinctAlternatives = alternatives.filter(insert)
        let alternativeMass = distinctAlternatives.isEmpty ? 0 : 0.8 * rest
        let weightTotal = (0..<distinctAlternatives.count).reduce(0.0) { $0 + pow(0.5, Double($1)) }
        // Capping below the primary keeps the scripted answer the most likely token.
        let cap = confidence * 0.9
        for (rank, token) in distinctAlternatives.enumerated() {
            result.append((token, min(alternativeMass * pow(0.5, Double(rank)) / weightTotal, cap)))
        }
        let fillerMass = rest - alternativeMass
        let prefix = String(primary.prefix { $0.isWhitespace })
        let stride = 2 * Int(random.next() % 16) + 1  // odd, so coprime with the list's 64 words
        var index = Int(random.next() % UInt64(WordList.words.count))
        var rank = 0
        while result.count < count {
            let token = prefix + WordList.words[index]
            index = (index + stride) % WordList.words.count
            guard insert(token) else { continue }
            rank += 1
            result.append((token, min(fillerMass * pow(0.5, Double(rank)), cap)))
        }
        return result.map { GeneratedToken.Alternative(token: $0.0, logprob: log($0.1)) }
            .sorted { $0.logprob > $1.logprob }
    }

    /// Chooses the emitted token and the `listed` alternatives shown beside it.
    static func pick(
        from candidates: [GeneratedToken.Alternative], temperature: Double, listed: Int,
        random: inout SplitMix64
    ) -> GeneratedToken {
        let best = candidates.map(\.logprob).max()
        var chosen = candidates.firstIndex { $0.logprob == best } ?? 0
        if temperature > 0 {
            let weights = candidates.map { exp($0.logprob / temperature) }
            var draw = random.nextUnit() * weights.reduce(0, +)
            chosen = weights.count - 1
            for (index, weight) in weights.enumerated() {
                draw -= weight
                if draw < 0 { chosen = index; break }
            }
        }
        var top = Array(candidates.prefix(listed))
        if listed > 0, chosen >= listed { top[listed - 1] = candidates[chosen] }
        return GeneratedToken(token: candidates[chosen].token, logprob: candidates[chosen].logprob, topLogprobs: top)
    }

    /// A plain sentence of 6–14 words for prompts no rule answers.
    static func defaultSentence(fingerprint: UInt64) -> String {
        var random = SplitMix64(seed: fingerprint)
        let count = 6 + Int(random.next() % 9)
        let words = (0..<count).map { _ in WordList.words[Int(random.next() % UInt64(WordList.words.count))] }
        let sentence = words.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }
}
