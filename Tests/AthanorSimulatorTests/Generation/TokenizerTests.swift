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
}
