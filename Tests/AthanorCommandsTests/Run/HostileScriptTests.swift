import AthanorLanguage
import AthanorTestSupport
import Foundation
import Testing

/// Scripts an attacker (or a generator gone wrong) would write: each ends in exit status 2 with
/// file:line:col, never a crash (SIGSEGV was status 139) or a hang.
@Suite struct HostileScriptTests {
    static func expectScriptError(_ result: AthanorProcess, at location: String, _ message: String) {
        #expect(result.status == 2, "\(result.standardError.prefix(400))")
        #expect(result.standardError.contains("\(location): error: \(message)"), "\(result.standardError.prefix(400))")
    }

    @Test func chainsOfThirtyThousandTermsAreLocatedErrors() async throws {
        let bench = try await Workbench.start()
        let terms = 30_000
        let operators = try bench.script(
            "sum.ath", "let x = " + Array(repeating: "1", count: terms).joined(separator: " + ") + "\n")
        Self.expectScriptError(
            try await bench.athanor("run", operators), at: "sum.ath:1:\(4 * LanguageLimits.expressionDepth + 7)",
            "expression is nested too deeply")
        let fields = try bench.script("fields.ath", "let a = {b: 1}\nlet x = a" + String(repeating: ".b", count: terms))
        Self.expectScriptError(
            try await bench.athanor("run", fields), at: "fields.ath:2:\(9 + 2 * LanguageLimits.expressionDepth)",
            "expression is nested too deeply")
        let lists = try bench.script(
            "lists.ath", "let x = " + String(repeating: "[", count: terms) + String(repeating: "]", count: terms))
        Self.expectScriptError(
            try await bench.athanor("run", lists), at: "lists.ath:1:\(9 + LanguageLimits.nestingDepth)",
            "expression is nested too deeply")
    }

    @Test func aValueThirtyThousandLevelsDeepStopsAtTheLimit() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "deep.ath", "let x = 1\n" + String(repeating: "let x = [x]\n", count: 30_000) + "let y = x\nx == y\n")
        let limit = LanguageLimits.valueDepth
        Self.expectScriptError(
            try await bench.athanor("run", path), at: "deep.ath:\(limit + 1):9",
            "a value may nest at most \(limit) levels")
    }

    @Test func invalidUTF8IsAnErrorAtTheFirstBadByte() async throws {
        let bench = try await Workbench.start()
        let url = bench.home.appendingPathComponent("latin1.ath")
        try Data(Array("let a = 1\nlet b = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)).write(to: url)
        let result = try await bench.athanor("run", url.path)
        Self.expectScriptError(result, at: "\(url.path):2:13", "the file is not valid UTF-8")
        #expect(result.standardError.contains("let b = \"caf\u{FFFD}\""))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func aNumberTooLargeForADoubleIsAnError() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("huge.ath", "let x = " + String(repeating: "9", count: 100_000) + "\nx\n")
        Self.expectScriptError(try await bench.athanor("run", path), at: "huge.ath:1:9", "number is too large")
    }

    @Test func aCSVFilePassedAsTheScriptEndsQuicklyWithACountedList() async throws {
        let bench = try await Workbench.start()
        let rows = (0..<20_000).map { "\($0),x\($0),\"y\"" }.joined(separator: "\n")
        let path = try bench.script("rows.csv", "a,b,c\n" + rows + "\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status == 2)
        let errors = result.standardError.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == LanguageLimits.diagnosticsPerFile)
        #expect(result.standardError.contains("rows.csv: note: and "))
    }

    @Test func aRunawayPatternIsBounded() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script(
            "regex.ath", "let m = matches(\"" + String(repeating: "a", count: 40) + "b\", \"(a+)+$\")\n")
        Self.expectScriptError(
            try await bench.athanor("run", path), at: "regex.ath:1:9",
            "the pattern '(a+)+$' took longer than \(LanguageLimits.regexMilliseconds) ms on a text of 41 characters")
    }
}
