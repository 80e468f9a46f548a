import Foundation

extension LogprobMath {
    /// Sum of the logprobs of the answer's first tokens whose text is `text`, or nil when the answer
    /// does not start with it at a token boundary.
    ///
    /// White space (spaces, tabs, line breaks) at both ends of `text` and at the start of the answer
    /// is ignored; the rest must match exactly, byte for byte, and `text` must end where a token
    /// ends: `"New York"` matches `" New" " York"` (and `" New" " York" "."`), not `" New" " Yorker"`.
    /// Tokens of leading white space count in the sum, as the model generated them too.
    public func sequenceLogprob(of text: String) throws(Failure) -> Double? {
        let wanted = Self.trimmedBytes(Array(text.utf8))
        guard !wanted.isEmpty else { throw .emptySequence }
        var answer: [UInt8] = []
        var ends: [Int] = []
        for token in tokens {
            answer += token.bytes ?? Array(token.token.utf8)
            ends.append(answer.count)
        }
        let start = answer.prefix { Self.whiteSpaceBytes.contains($0) }.count
        let end = start + wanted.count
        guard answer.count >= end, Array(answer[start..<end]) == wanted,
            let last = ends.firstIndex(of: end)
        else { return nil }
        return tokens[...last].reduce(0) { $0 + $1.logprob }
    }

    /// `exp(sequenceLogprob(of:))`, or nil when the answer does not start with `text`.
    public func sequenceProbability(of text: String) throws(Failure) -> Double? {
        try sequenceLogprob(of: text).map { exp($0) }
    }

    static let whiteSpaceBytes: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]

    static func trimmedBytes(_ bytes: [UInt8]) -> [UInt8] {
        let head = bytes.drop { whiteSpaceBytes.contains($0) }
        return Array(head.reversed().drop { whiteSpaceBytes.contains($0) }.reversed())
    }
}
