/// Splits answer text into tokens the way byte-level BPE tokenizers roughly do.
///
/// A word keeps its leading whitespace (`" Paris"`), each punctuation mark is its own token
/// (`"."`), and joining the tokens gives back the text exactly, so clients that rebuild text
/// from tokens see the same string as `message.content`.
public enum Tokenizer {
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentHasWord = false
        for character in text {
            if character.isWhitespace {
                if !current.isEmpty, currentHasWord || current.last.map({ !$0.isWhitespace }) == true {
                    tokens.append(current)
                    current = ""
                    currentHasWord = false
                }
                current.append(character)
            } else if character.isLetter || character.isNumber {
                let endsInPunctuation = current.last.map { !$0.isWhitespace && !$0.isLetter && !$0.isNumber } ?? false
                if endsInPunctuation {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
                currentHasWord = true
            } else {
                if currentHasWord || current.last.map({ !$0.isWhitespace }) == true {
                    tokens.append(current)
                    current = ""
                    currentHasWord = false
                }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Rough prompt size: what `usage.prompt_tokens` reports.
    public static func count(_ text: String) -> Int {
        tokens(of: text).count
    }
}
