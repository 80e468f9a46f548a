import AthanorLanguage
import Foundation
import Testing

/// Each limit of `LanguageLimits` holds at the parser: past it, a located error, never a crash or
/// a hang; at it, the script still parses.
@Suite struct LanguageLimitsTests {
    static let terms = 30_000

    static func errors(_ text: String) -> [Diagnostic] {
        Parser.parseScript(SourceFile(name: "deep.ath", text: text)).diagnostics
    }

    static let chains: [String: String] = [
        "operators": "let x = " + Array(repeating: "1", count: terms).joined(separator: " + "),
        "and": "let x = " + Array(repeating: "true", count: terms).joined(separator: " and "),
        "fields": "let x = a" + String(repeating: ".b", count: terms),
        "indexes": "let x = a" + String(repeating: "[0]", count: terms),
        "calls": "let x = " + String(repeating: "f(", count: terms) + String(repeating: ")", count: terms),
        "brackets": "let x = " + String(repeating: "(", count: terms) + "1" + String(repeating: ")", count: terms),
        "lists": "let x = " + String(repeating: "[", count: terms) + String(repeating: "]", count: terms),
        "records": "let x = " + String(repeating: "{a: ", count: terms) + String(repeating: "}", count: terms),
        "negations": "let x = " + String(repeating: "-", count: terms) + "1",
        "nots": "let x = " + String(repeating: "not ", count: terms) + "true",
        "conditionals": "let x = " + String(repeating: "if true then 1 else ", count: terms) + "1",
    ]

    @Test(arguments: chains.keys.sorted())
    func aLongChainIsALocatedErrorNotACrash(_ shape: String) throws {
        let diagnostics = Self.errors(Self.chains[shape] ?? "")
        let first = try #require(diagnostics.first)
        #expect(first.message == "expression is nested too deeply")
        #expect(first.range.start.line == 1 && first.range.start.column > 8)
    }

    @Test func aChainAtTheLimitParses() {
        let depth = LanguageLimits.expressionDepth
        // `1 + 1` is 2 levels: n terms make n levels.
        let sum = "let x = " + Array(repeating: "1", count: depth).joined(separator: " + ")
        #expect(Self.errors(sum).isEmpty)
        let fields = "let x = a" + String(repeating: ".b", count: depth - 1)
        #expect(Self.errors(fields).isEmpty)
        let tooDeep = "let x = a" + String(repeating: ".b", count: depth)
        #expect(Self.errors(tooDeep).map(\.message) == ["expression is nested too deeply"])
        // At the name after the dot that passes the limit.
        #expect(Self.errors(tooDeep).first?.range.start.column == 9 + 2 * depth)
    }

    @Test func aChainAfterTheLimitedOneStillParses() throws {
        let text = "let x = a" + String(repeating: ".b", count: 1000) + "\nlet y = (1\n"
        let diagnostics = Self.errors(text)
        #expect(diagnostics.map(\.range.start.line) == [1, 3])
    }

    @Test func bracketsAtTheLimitParseAndOneMoreDoesNot() throws {
        let depth = LanguageLimits.nestingDepth
        func brackets(_ n: Int) -> String {
            "let x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        }
        // `let x = E` is one level; each bracket one more.
        #expect(Self.errors(brackets(depth - 1)).isEmpty)
        let diagnostic = try #require(Self.errors(brackets(depth)).first)
        #expect(diagnostic.notes == ["brackets, '-', 'not' and 'if' may nest at most \(depth) levels"])
    }

    /// Parsing and freeing trees at both limits fit in half the stack of a Linux thread (measured:
    /// about 27 KB per bracket level in a debug build), so the limits leave a margin.
    @Test func treesAtTheLimitsFitInHalfAThreadsStack() async {
        let nesting = LanguageLimits.nestingDepth - 1
        let depth = LanguageLimits.expressionDepth
        let texts = [
            "let x = " + String(repeating: "(", count: nesting) + "1" + String(repeating: ")", count: nesting),
            "let x = " + String(repeating: "[", count: nesting) + String(repeating: "]", count: nesting),
            "let x = " + String(repeating: "-", count: nesting) + "1",
            "let x = " + Array(repeating: "1", count: depth).joined(separator: " + "),
            "let x = a" + String(repeating: ".b", count: depth - 1),
        ]
        let counts: [Int] = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: texts.map { Self.errors($0).count })
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        #expect(counts == [0, 0, 0, 0, 0])
    }

    @Test func aFileReportsAtMostTheLimitThenCountsTheRest() throws {
        let lines = LanguageLimits.diagnosticsPerFile + 40
        let text = (0..<lines).map { "let = \($0)" }.joined(separator: "\n")
        let diagnostics = Self.errors(text)
        #expect(diagnostics.count == LanguageLimits.diagnosticsPerFile + 1)
        let last = try #require(diagnostics.last)
        #expect(last.severity == .note && last.message == "and 40 more errors")
        let file = SourceFile(name: "many.ath", text: text)
        #expect(DiagnosticRenderer.render(last, in: file, color: false) == "many.ath: note: and 40 more errors")
    }

    @Test func aFileWithOneErrorTooManySaysSoInTheSingular() {
        let text = (0...LanguageLimits.diagnosticsPerFile).map { "let = \($0)" }.joined(separator: "\n")
        #expect(Self.errors(text).last?.message == "and 1 more error")
    }

    @Test func everyLimitIsListedForTheDocumentation() {
        let names = LanguageLimits.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(LanguageLimits.all.contains { $0.value == "\(LanguageLimits.expressionDepth) levels" })
        #expect(LanguageLimits.all.contains { $0.value == "\(LanguageLimits.nestingDepth) levels" })
        #expect(LanguageLimits.all.contains { $0.value == "\(LanguageLimits.valueDepth) levels" })
        #expect(LanguageLimits.all.allSatisfy { !$0.whenExceeded.isEmpty })
    }
}
