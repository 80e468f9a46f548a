import Testing

@testable import Terminal

@Suite struct CandidateColumnsTests {
    @Test func fillsColumnsTopToBottom() {
        let text = CandidateColumns.format(["a", "bb", "c", "dd", "e"], width: 12)
        #expect(text == "a   c   e\nbb  dd")
    }

    @Test func oneColumnWhenNamesAreWiderThanTheTerminal() {
        #expect(CandidateColumns.format(["a-long-name", "b"], width: 5) == "a-long-name\nb")
    }

    @Test func nothingForNoNames() {
        #expect(CandidateColumns.format([], width: 80) == "")
    }
}
