import Testing

@testable import AthanorSimulator

@Suite struct TokenizerTests {
    @Test func wordsKeepTheirLeadingSpaceAndPunctuationStandsAlone() {
        #expect(Tokenizer.tokens(of: "The capital is Paris.") == ["The", " capital", " is", " Paris", "."])
        #expect(Tokenizer.tokens(of: "Hello, world!?") == ["Hello", ",", " world", "!", "?"])
    }

    @Test(arguments: ["", "Paris", "  two  spaces ", "line\nbreak (aside) 42%", "naïve café — ok…"])
    func joiningTokensGivesBackTheText(_ text: String) {
        #expect(Tokenizer.tokens(of: text).joined() == text)
    }

    @Test func countIsTheNumberOfTokens() {
        #expect(Tokenizer.count("What is the capital of France?") == 7)
    }

    /// The byte walk over ASCII must cut exactly where the `Character` walk does.
    @Test func asciiAndCharacterWalksAgree() {
        let alphabet = Array("aZ9 \t\r\n.,-'\u{0B}\u{1C}\u{7F}") + ["\r\n"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let text = String(
                (0..<Int(random.next() % 16)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let expected = Self.characterTokens(text)
            #expect(Tokenizer.tokens(of: text) == expected, "\(Array(text.utf8))")
            #expect(Tokenizer.count(text) == expected.count)
            // The same text with one non-ASCII letter appended takes the Character walk.
            #expect(Tokenizer.tokens(of: text + "é") == Self.characterTokens(text + "é"))
        }
    }

    /// The tokenizer as it was written before the byte walk, over `Character`s.
    static func characterTokens(_ text: String) -> [String] {
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
}
