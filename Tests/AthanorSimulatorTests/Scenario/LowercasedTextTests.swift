import Testing

@testable import AthanorSimulator

/// The byte search must answer exactly as `lowercased().contains(...)` on `Character`s did.
@Suite struct LowercasedTextTests {
    /// Random ASCII with CR, LF and mixed case, where byte and `Character` boundaries differ.
    @Test func asciiSearchAgreesWithCharacterSearch() {
        let alphabet: [Character] = ["a", "A", "b", "\r", "\n", " ", "\r\n"]
        var random = SplitMix64(seed: 42)
        func text(_ maxLength: Int) -> String {
            String((0..<Int(random.next() % UInt64(maxLength + 1))).map { _ in alphabet[Int(random.next() % 7)] })
        }
        for _ in 0..<20_000 {
            let haystack = text(12), needle = text(4)
            let expected = haystack.lowercased().firstRange(of: needle.lowercased()) != nil
            #expect(
                LowercasedText(needle).isContained(in: LowercasedText(haystack)) == expected,
                "\(Array(needle.utf8)) in \(Array(haystack.utf8))")
        }
    }

    @Test func nonASCIITakesTheCharacterPath() {
        #expect(LowercasedText("CAFÉ").isContained(in: LowercasedText("un café noir")))
        // A decomposed é is one Character, so a bare "e" does not match inside it.
        #expect(!LowercasedText("e").isContained(in: LowercasedText("caf\u{65}\u{301}")))
        // Canonically equivalent: U+037E GREEK QUESTION MARK is ";".
        #expect(LowercasedText("\u{37E}").isContained(in: LowercasedText("a;b")))
        #expect(!LowercasedText("\n").isContained(in: LowercasedText("a\r\nb")))
        #expect(LowercasedText("\r\n").isContained(in: LowercasedText("a\r\nb")))
    }

    @Test func rulesStillMatchTheSamePrompts() {
        let scenario = Scenario(rules: [
            ScenarioRule(match: "Memory and Identity", model: "LLAMA", answer: "llama"),
            ScenarioRule(match: "memory and identity", answer: "any"),
        ])
        #expect(
            scenario.rule(forPrompt: "On MEMORY AND IDENTITY.", model: "meta-llama/llama-3.1-8b-instruct")?.answer
                == "llama")
        #expect(scenario.rule(forPrompt: "On memory and identity", model: "openai/gpt-4o-mini")?.answer == "any")
        #expect(scenario.rule(forPrompt: "On memory and\r\nidentity", model: "openai/gpt-4o-mini") == nil)
        var edited = scenario
        edited.rules[1].match = "Count to"
        edited.rules[0].model = nil
        #expect(edited.rule(forPrompt: "count to 17", model: "openai/gpt-4o-mini")?.answer == "any")
        #expect(edited.rule(forPrompt: "memory and identity", model: "openai/gpt-4o-mini")?.answer == "llama")
    }
}
