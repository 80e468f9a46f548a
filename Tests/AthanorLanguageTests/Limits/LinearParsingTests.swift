import AthanorLanguage
import Foundation
import Testing

/// Erroneous input parses in time proportional to its size: recovery, diagnostics and their
/// rendering each once per problem (it was quadratic: 8,000 bad lines took a minute).
@Suite struct LinearParsingTests {
    /// Parses and renders everything parsing reported, returning how long it took.
    static func timed(_ text: String) -> Duration {
        let file = SourceFile(name: "bad.ath", text: text)
        return ContinuousClock().measure {
            for diagnostic in Parser.parseScript(file).diagnostics {
                _ = DiagnosticRenderer.render(diagnostic, in: file, color: false)
            }
        }
    }

    @Test func oneHundredThousandBadLines() {
        let text = (0..<100_000).map { "let = \($0)" }.joined(separator: "\n")
        #expect(Self.timed(text) < .seconds(20))
    }

    @Test func tenThousandUnclosedPlaceholders() {
        let text = "let x = \"" + String(repeating: "{{ ", count: 10_000) + "\"\nlet y = \"{{ a }}\""
        #expect(Self.timed(text) < .seconds(5))
        let diagnostics = Parser.parseScript(SourceFile(name: "t.ath", text: text)).diagnostics
        #expect(diagnostics.first?.message == "'{{' without a matching '}}' in template")
        #expect(diagnostics.last?.message == "and 9900 more errors")
    }

    @Test func aCSVFilePassedAsAScript() {
        let text = "a,b,c\n" + (0..<20_000).map { "\($0),x\($0),\"y\"" }.joined(separator: "\n")
        #expect(Self.timed(text) < .seconds(10))
    }

    @Test func aDiagnosticOnTheLastLineOfALargeFileRendersItsLine() {
        let text = String(repeating: "let a = 1\r\n", count: 50_000) + "let = 2"
        let file = SourceFile(name: "big.ath", text: text)
        #expect(file.line(50_001) == "let = 2")
        #expect(file.line(2) == "let a = 1")
        #expect(file.line(50_002) == nil)
    }
}
