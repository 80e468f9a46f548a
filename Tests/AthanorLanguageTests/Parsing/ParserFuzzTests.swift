import AthanorLanguage
import Foundation
import Testing

/// Properties that hold for any input at all: parsing returns, every diagnostic points inside the
/// file and renders, and `isComplete` answers. Inputs are seeded, so a failure reproduces.
@Suite struct ParserFuzzTests {
    static let vocabulary = [
        "model", "prompt", "let", "ask", "sweep", "assert", "show", "if", "then", "else", "and", "or", "not", "in",
        "where", "of", "all", "any", "at", "least", "true", "false", "null", "_", "x", "models", "vars", "user",
        "system", "3", "0.25", "90%", "\"s\"", "\"{{ a.b }}\"", "\"\"\"", "\"\\u{1F600}\"", "\"{{", "}}", "(", ")",
        "[", "]", "{", "}", ",", ":", ".", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "\n", "\n",
        "# %% T\n", "# c\n", ":help x\n", "é", "\t", "\\", "@", "%",
    ]

    static let examples: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples")
        return ["calibration.ath", "capitals.ath", "prefill.ath", "substrate_shift.ath"].compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// Parses `text` as a script and as an entry and records any property that does not hold.
    static func check(_ text: String) {
        let file = SourceFile(name: "fuzz.ath", text: text)
        let size = text.utf8.count
        for result in [Parser.parseScript(file), Parser.parseEntry(file)] {
            for diagnostic in result.diagnostics {
                let range = diagnostic.range
                let inside =
                    range.start.line >= 1 && range.start.column >= 1 && range.start.offset >= 0
                    && range.start.offset <= range.end.offset && range.end.offset <= size
                #expect(inside, "\(diagnostic) in \(String(reflecting: text))")
                _ = DiagnosticRenderer.render(diagnostic, in: file, color: true)
            }
            for cell in result.script.cells {
                #expect(cell.range.end.offset <= size && cell.range.start.offset <= cell.range.end.offset)
            }
        }
        _ = InputCompleteness.isComplete(text)
    }

    @Test func randomBytes() {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<800 {
            let count = Int.random(in: 0..<120, using: &generator)
            let bytes = (0..<count).map { _ in
                // Mostly printable ASCII, so the lexer gets past the first character now and then.
                Bool.random(using: &generator)
                    ? UInt8.random(in: 32..<127, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            Self.check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func tokenSoups() {
        var generator = SplitMix64(seed: 2)
        for _ in 0..<1500 {
            let count = Int.random(in: 0..<40, using: &generator)
            let words = (0..<count).map { _ in Self.vocabulary.randomElement(using: &generator) ?? "" }
            Self.check(words.joined(separator: Bool.random(using: &generator) ? " " : ""))
        }
    }

    @Test func mutatedExamples() throws {
        try #require(Self.examples.count == 4)
        var generator = SplitMix64(seed: 3)
        for _ in 0..<600 {
            var text = Array(Self.examples.randomElement(using: &generator) ?? "")
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                Self.mutate(&text, using: &generator)
            }
            Self.check(String(text))
        }
    }

    /// Deletes, inserts, duplicates or swaps characters or whole lines.
    static func mutate(_ text: inout [Character], using generator: inout SplitMix64) {
        guard !text.isEmpty else { return }
        let position = Int.random(in: 0..<text.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            text.remove(at: position)
        case 1:
            let insert = Array(vocabulary.randomElement(using: &generator) ?? "")
            text.insert(contentsOf: insert, at: position)
        case 2:
            let end = min(text.count, position + Int.random(in: 1...20, using: &generator))
            text.insert(contentsOf: Array(text[position..<end]), at: position)
        case 3:
            let other = Int.random(in: 0..<text.count, using: &generator)
            text.swapAt(position, other)
        default:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
            let line = Int.random(in: 0..<lines.count, using: &generator)
            let other = Int.random(in: 0..<lines.count, using: &generator)
            if Bool.random(using: &generator) {
                lines.swapAt(line, other)
            } else {
                lines.insert(lines[line], at: other)
            }
            text = Array(lines.map { String($0) }.joined(separator: "\n"))
        }
    }

    @Test func pathologicalShapes() {
        for text in [
            String(repeating: "\"\"\"", count: 301), String(repeating: "{{", count: 500),
            String(repeating: "\n", count: 2000),
            String(repeating: ")", count: 3000), String(repeating: "sweep s {", count: 300),
            "\r\n\r\n# %%\r\nlet a = 1\r\n",
            String(repeating: "if ", count: 3000), String(repeating: "a.", count: 3000),
            String(repeating: "x[", count: 3000),
            "\"\\u{", "\"\\u{FFFFFFFFFFFFFFFF}\"", ":", "# %%", "\u{FEFF}let a = 1",
            "assert at least 99999999999999999999 of r: x",
        ] {
            Self.check(text)
        }
    }
}
