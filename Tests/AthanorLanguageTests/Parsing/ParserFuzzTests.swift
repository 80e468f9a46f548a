import AthanorLanguage
import Foundation
import Testing

/// Properties that hold for any input at all: parsing returns, every diagnostic points inside the
/// file and renders, and `isComplete` answers. Inputs are seeded, so a failure reproduces.
///
/// For longer local runs, `ATHANOR_FUZZ_ITERATIONS=N` sets how many inputs each generator tries
/// (by default a few hundred, a few dozen for the deep and long ones, so the suite stays fast) and
/// `ATHANOR_FUZZ_SEED=S` moves every generator to other inputs.
@Suite struct ParserFuzzTests {
    static let environment = ProcessInfo.processInfo.environment

    /// How many inputs a generator tries: `ATHANOR_FUZZ_ITERATIONS`, or its own default.
    static func iterations(_ standard: Int) -> Int {
        environment["ATHANOR_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(0, $0) } ?? standard
    }

    /// A generator's seed, moved by `ATHANOR_FUZZ_SEED`.
    static func generator(_ seed: UInt64) -> SplitMix64 {
        SplitMix64(seed: seed &+ (environment["ATHANOR_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0) &* 1000)
    }

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
            #expect(result.diagnostics.count <= LanguageLimits.diagnosticsPerFile + 1)
            for diagnostic in result.diagnostics where diagnostic.range != .none || diagnostic.severity != .note {
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
        var generator = Self.generator(1)
        for _ in 0..<Self.iterations(800) {
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
        var generator = Self.generator(2)
        for _ in 0..<Self.iterations(1500) {
            let count = Int.random(in: 0..<40, using: &generator)
            let words = (0..<count).map { _ in Self.vocabulary.randomElement(using: &generator) ?? "" }
            Self.check(words.joined(separator: Bool.random(using: &generator) ? " " : ""))
        }
    }

    @Test func mutatedExamples() throws {
        try #require(Self.examples.count == 4)
        var generator = Self.generator(3)
        for _ in 0..<Self.iterations(600) {
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

    /// Long chains, deep nesting, huge literals, long erroneous input and unclosed templates, at
    /// sizes well past every limit: each must end in diagnostics, within a time linear in its size.
    @Test func deepAndLongStructures() {
        var generator = Self.generator(4)
        for _ in 0..<Self.iterations(24) {
            let text = Self.deepOrLong(using: &generator)
            let elapsed = ContinuousClock().measure { Self.check(text) }
            // Generous for a debug build on a busy machine; quadratic behaviour takes minutes here.
            #expect(elapsed < .seconds(30), "\(text.prefix(80))… (\(text.utf8.count) bytes)")
        }
    }

    /// One input of a shape that once crashed or hung the parser, at a random size.
    static func deepOrLong(using generator: inout SplitMix64) -> String {
        let size = Int.random(in: 100...30_000, using: &generator)
        func pick(_ options: [String]) -> String { options.randomElement(using: &generator) ?? "" }
        switch Int.random(in: 0..<7, using: &generator) {
        case 0:
            let link = pick([" + 1", " * x", " and true", " or y", ".b", "[0]", "(1)", " - -1"])
            return "let x = a" + String(repeating: link, count: size)
        case 1:
            let pair = pick(["(|)", "[|]", "{a: |}", "f(|)", "-|", "not |", "if true then 1 else |"])
            let parts = pair.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let closed = Bool.random(using: &generator)
            return "let x = " + String(repeating: parts[0], count: size) + "1"
                + (closed ? String(repeating: parts[1], count: size) : "")
        case 2:
            return "let x = " + String(repeating: pick(["9", "1", "0"]), count: size) + pick(["", "%", ".5"])
        case 3:
            let line = pick(["let = 1", "a,b,c", "}", "assert", "sweep s {", "\"unterminated", ":", "x y z"])
            return Array(repeating: line, count: size / 4).joined(separator: "\n")
        case 4:
            return "let x = \"" + String(repeating: pick(["{{ ", "{{", "{{ a.", "\\u{"]), count: size / 2) + "\""
        case 5:
            return "prompt p {\n  user \"\"\"\n" + String(repeating: "  {{ x\n", count: size / 8) + "\"\"\"\n}"
        default:
            var text = ""
            for _ in 0..<(size / 20) { text += Self.vocabulary.randomElement(using: &generator) ?? "" }
            return String(repeating: "(", count: size / 2) + text
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
