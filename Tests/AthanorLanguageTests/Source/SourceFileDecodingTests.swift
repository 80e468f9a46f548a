import AthanorLanguage
import Testing

@Suite struct SourceFileDecodingTests {
    @Test func invalidUTF8IsAnErrorAtItsFirstBadByte() throws {
        let bytes = Array("let x = 1\nlet y = \"aé".utf8) + [0xFF, 0xFE] + Array("b\"\n".utf8)
        let (file, problem) = SourceFile.decoding(bytes, name: "bad.ath")
        let diagnostic = try #require(problem)
        #expect(diagnostic.message == "the file is not valid UTF-8")
        #expect(diagnostic.range.start == SourceLocation(line: 2, column: 12, offset: 22))
        let rendered = DiagnosticRenderer.render(diagnostic, in: file, color: false)
        #expect(rendered.hasPrefix("bad.ath:2:12: error: the file is not valid UTF-8\n    2 | let y = \"aé\u{FFFD}"))
    }

    @Test func aTruncatedSequenceAtTheEndIsFound() throws {
        let (_, problem) = SourceFile.decoding(Array("ok".utf8) + [0xE2, 0x82], name: "cut.ath")
        #expect(try #require(problem).range.start == SourceLocation(line: 1, column: 3, offset: 2))
    }

    @Test func validUTF8IsReadAsItIs() {
        let text = "let x = \"日本 😀\"\r\n"
        let (file, problem) = SourceFile.decoding(Array(text.utf8), name: "ok.ath")
        #expect(problem == nil)
        #expect(file.text == text)
    }
}
