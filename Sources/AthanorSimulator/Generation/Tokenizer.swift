/// Splits answer text into tokens the way byte-level BPE tokenizers roughly do.
///
/// A word keeps its leading whitespace (`" Paris"`), each punctuation mark is its own token
/// (`"."`), and joining the tokens gives back the text exactly, so clients that rebuild text
/// from tokens see the same string as `message.content`.
///
/// Characters are classed as whitespace, word (letter or number) or other by `Character`'s
/// properties. ASCII text, the usual case, is walked byte by byte with those classes looked up in
/// a table; CR LF, ASCII's one two-byte `Character`, is kept as one step, so both walks cut at
/// the same places.
public enum Tokenizer {
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        if let bytes = asciiBytes(text) {
            split(asciiSteps(bytes)) { tokens.append(String(decoding: bytes[$0], as: UTF8.self)) }
        } else {
            split(characterSteps(text)) { tokens.append(String(text[$0])) }
        }
        return tokens
    }

    /// Rough prompt size: what `usage.prompt_tokens` reports.
    public static func count(_ text: String) -> Int {
        var count = 0
        if let bytes = asciiBytes(text) {
            split(asciiSteps(bytes)) { _ in count += 1 }
        } else {
            split(characterSteps(text)) { _ in count += 1 }
        }
        return count
    }

    enum CharacterClass {
        case whitespace, word, other

        init(_ character: Character) {
            self = character.isWhitespace ? .whitespace : character.isLetter || character.isNumber ? .word : .other
        }
    }

    /// One character: where it starts and its class.
    struct Step<Index> {
        var start: Index
        var kind: CharacterClass
    }

    /// Cuts `steps` into tokens, calling `token` with each token's range (ending at `end`).
    private static func split<Index: Comparable>(
        _ walk: (steps: [Step<Index>], end: Index), token: (Range<Index>) -> Void
    ) {
        var tokenStart: Index?
        var last: CharacterClass?
        var hasWord = false
        for step in walk.steps {
            let cut: Bool
            switch step.kind {
            case .whitespace: cut = last != nil && (hasWord || last != .whitespace)
            case .word: cut = last == .other
            case .other: cut = hasWord || (last != nil && last != .whitespace)
            }
            if cut, let start = tokenStart {
                token(start..<step.start)
                tokenStart = nil
                if step.kind != .word { hasWord = false }
            }
            if tokenStart == nil { tokenStart = step.start }
            if step.kind == .word { hasWord = true }
            last = step.kind
        }
        if let start = tokenStart { token(start..<walk.end) }
    }

    private static func asciiBytes(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        return bytes.allSatisfy { $0 < 0x80 } ? bytes : nil
    }

    private static func asciiSteps(_ bytes: [UInt8]) -> (steps: [Step<Int>], end: Int) {
        var steps: [Step<Int>] = []
        steps.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                steps.append(Step(start: index, kind: crlfClass))
                index += 2
            } else {
                steps.append(Step(start: index, kind: asciiClasses[Int(bytes[index])]))
                index += 1
            }
        }
        return (steps, bytes.count)
    }

    private static func characterSteps(_ text: String) -> (steps: [Step<String.Index>], end: String.Index) {
        (text.indices.map { Step(start: $0, kind: CharacterClass(text[$0])) }, text.endIndex)
    }

    private static let asciiClasses: [CharacterClass] = (0..<128).map {
        CharacterClass(Character(Unicode.Scalar(UInt8($0))))
    }
    private static let crlfClass = CharacterClass("\r\n")
}
