import AthanorLanguage
import Testing

@Suite struct EntryScanTests {
    @Test func theEndInsideAOneLineStringGivesTheLineBeforeItAndTheTextSoFar() {
        let scan = EntryScan("let x = 1\nlet rows = csv(\"data/ca")
        #expect(scan.openString?.lineBeforeQuote == "let rows = csv(")
        #expect(scan.openString?.content == "data/ca")
        #expect(EntryScan("let s = \"a \\\" b").openString?.content == "a \\\" b", "an escaped quote does not close it")
        #expect(EntryScan("let s = \"done\"").openString == nil)
        #expect(EntryScan("let s = \"open\nlet t = 1").openString == nil, "a one-line string ends at its line")
    }

    @Test func commentsAndMultilineStrings() {
        #expect(EntryScan("let x = 1  # note").endsInComment)
        #expect(!EntryScan("let x = \"#\" + 1").endsInComment)
        #expect(!EntryScan("# note\nlet x = 1").endsInComment)
        #expect(EntryScan("prompt p = \"\"\"\nSay").endsInMultilineString)
        #expect(!EntryScan("let t = \"\"\"\nx\n\"\"\"").endsInMultilineString)
    }

    @Test func openBracketsKnowASweepBlock() {
        let scan = EntryScan("sweep s {\n  vars: { x: [1,")
        #expect(scan.openBrackets.map(\.character) == ["{", "{", "["])
        #expect(scan.openBrackets.map(\.opensSweep) == [true, false, false])
        #expect(EntryScan("let r = {").openBrackets.map(\.opensSweep) == [false])
    }

    @Test func sweepKeyPositions() {
        #expect(EntryScan("sweep s {").isAtSweepKey)
        #expect(EntryScan("sweep s { models: [a],").isAtSweepKey)
        #expect(EntryScan("sweep s {\n  repeat: 90%\n").isAtSweepKey, "after a percentage and a line break")
        #expect(EntryScan("sweep s {\n  prompt: \"x\"\n").isAtSweepKey)
        #expect(!EntryScan("sweep s { models:").isAtSweepKey, "a value goes there")
        #expect(!EntryScan("sweep s { models: [a]").isAtSweepKey, "a key needs a comma or a new line first")
    }

    @Test func theLastTokenAsWritten() {
        #expect(EntryScan("assert at").lastToken == "at")
        #expect(EntryScan("x >=").lastToken == ">=")
        #expect(EntryScan("x = 0.5").lastToken == "0.5")
        #expect(EntryScan("").lastToken == nil)
        let broken = EntryScan("ask m\n")
        #expect(broken.lastToken == "m" && broken.lineBreakAfterLastToken)
    }
}
