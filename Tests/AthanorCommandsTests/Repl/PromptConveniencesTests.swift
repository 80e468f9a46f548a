import AthanorTestSupport
import Foundation
import Testing

/// What makes the prompt feel like psql's: the pager, Ctrl-D on a continuation line, `:edit`, the startup
/// file and `TERM=dumb`, on the real `athanor` on a pseudo-terminal (30 rows of 100 columns).
@Suite struct PromptConveniencesTests {
    typealias Prompt = ReplSessionTests.Prompt

    /// A pager that marks each line it shows, so the test sees that the pager, not athanor, printed it.
    static let markingPager = "sed 's/^/paged> /'"

    @Test func tallOutputGoesThroughThePagerUntilItIsSwitchedOff() async throws {
        let repl = try await Prompt.start { _ in ["PAGER": Self.markingPager] }
        try repl.expect("[1]> ", within: 60)
        repl.enter("range(3)")
        let short = try repl.expect("[2]> ")
        #expect(short.contains("[0, 1, 2]") && !short.contains("paged> "), "output that fits is not paged")

        repl.enter("range(2000)")  // about 90 lines on a 100-column terminal of 30 rows
        let tall = try repl.expect("[3]> ")
        #expect(tall.contains("paged> [0, 1, 2, 3"))
        #expect(tall.contains("1998, 1999]"))

        repl.enter(":set pager off")
        try repl.expect("[4]> ")
        repl.enter("range(2000)")
        let unpaged = try repl.expect("[5]> ")
        #expect(unpaged.contains("[0, 1, 2, 3") && !unpaged.contains("paged> "))
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func aPagerThatCannotStartIsSaidOnceAndTheOutputStillShows() async throws {
        let repl = try await Prompt.start { _ in ["PAGER": "/nonexistent/pager"] }
        try repl.expect("[1]> ", within: 60)
        repl.enter("range(2000)")
        let first = try repl.expect("[2]> ")
        #expect(first.contains("the pager '/nonexistent/pager' could not be started"))
        #expect(first.contains("[0, 1, 2, 3") && first.contains("1998, 1999]"))
        repl.enter("range(2000)")
        let second = try repl.expect("[3]> ")
        #expect(second.contains("1998, 1999]") && !second.contains("could not be started"), "said once")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func ctrlCWhileThePagerRunsIsThePagersNotTheCells() async throws {
        // A pager that ignores Ctrl-C and stays a second after showing the text.
        let repl = try await Prompt.start { _ in ["PAGER": "trap '' INT; \(Self.markingPager); sleep 1"] }
        try repl.expect("[1]> ", within: 60)
        repl.enter("range(2000)")
        try repl.expect("1999]")
        repl.terminal.send(key: .ctrlC)
        let rest = try repl.expect("[2]> ")
        #expect(!rest.contains("cancelling"), "the cell was not cancelled")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(try repl.bench.scalar("SELECT status FROM cells WHERE position = 1") == "succeeded")
    }

    @Test func tablesFollowTheWindowAsItIsResized() async throws {
        let repl = try await Prompt.start { _ in ["COLUMNS": nil] }
        try repl.expect("[1]> ", within: 60)
        let long = String(repeating: "word ", count: 40)
        func ruleWidth(_ output: String) -> Int {
            output.split(whereSeparator: \.isNewline).map { $0.filter { $0 == "─" }.count }.max() ?? 0
        }
        repl.terminal.resize(columns: 60, rows: 30)
        repl.enter("show [{a: \"\(long)\", b: \"\(long)\"}]")
        let narrow = ruleWidth(try repl.expect("[2]> "))
        repl.terminal.resize(columns: 90, rows: 30)
        repl.enter("show [{a: \"\(long)\", b: \"\(long)\"}]")
        let wide = ruleWidth(try repl.expect("[3]> "))
        #expect(narrow > 40 && narrow <= 60, "fits 60 columns: \(narrow)")
        #expect(wide > 60 && wide <= 90, "fits 90 columns: \(wide)")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func ctrlDOnAContinuationLineAbandonsTheEntryAndTheSessionGoesOn() async throws {
        let repl = try await Prompt.start()
        try repl.expect("[1]> ", within: 60)
        repl.enter("let xs = [1,")
        try repl.expect("...> ")
        repl.enter("2,")
        try repl.expect("...> ")
        try await Task.sleep(for: .milliseconds(300))  // libedit has the terminal in raw mode again
        repl.terminal.send(key: .ctrlD)
        try repl.expect("[1]> ")
        repl.enter("xs")
        try repl.expect("unknown variable 'xs'")
        try repl.expect("[2]> ")
        // `_` is the last value and `_N` cell N's.
        repl.enter("6 * 7")
        try repl.expect("[3]> ")
        repl.enter("_2 + _ + 1")
        try repl.expect("85")
        try repl.expect("[4]> ")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
        let cells = try repl.bench.query("SELECT position, source FROM cells ORDER BY position")
        #expect(
            cells.map { $0[1] ?? "" } == ["xs", "6 * 7", "_2 + _ + 1", ":quit"], "the abandoned entry is not a cell")
    }

    @Test func editOpensTheEditorOnTheLastCellAndRunsWhatItSaves() async throws {
        let repl = try await Prompt.start { folder in
            let editor = folder.appendingPathComponent("editor.sh")
            // As a person editing would: closes an open list with "2]", else appends "* 2" to the cell.
            let script = """
                #!/bin/sh
                if grep -q '[[]' "$1"; then printf '2]\\n' >> "$1"; exit 0; fi
                printf '%s * 2\\n' "$(cat "$1")" > "$1.new" && mv "$1.new" "$1"

                """
            try script.write(to: editor, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
            return ["EDITOR": editor.path, "VISUAL": nil]
        }
        try repl.expect("[1]> ", within: 60)
        repl.enter("20 + 1")
        try repl.expect("21")
        try repl.expect("[2]> ")
        repl.enter(":edit")
        try repl.expect("[3]> 20 + 1 * 2")
        try repl.expect("22")
        try repl.expect("[4]> ")
        repl.enter(":edit 9")
        try repl.expect(":edit 9: there is no cell 9 in this session yet")
        try repl.expect("[5]> ")
        // On a continuation line, :edit takes the unfinished entry to the editor.
        repl.enter("let ys = [1,")
        try repl.expect("...> ")
        repl.enter(":edit")
        try repl.expect("[5]> let ys = [1,")
        try repl.expect("[6]> ")
        repl.enter("ys")
        try repl.expect("[1, 2]")
        try repl.expect("[7]> ")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
        let cells = try repl.bench.query("SELECT source FROM cells ORDER BY position")
        #expect(
            cells.map { $0[0] ?? "" } == [
                "20 + 1", ":edit", "20 + 1 * 2", ":edit 9", "let ys = [1,\n2]", "ys", ":quit",
            ])
    }

    @Test func theStartupFileRunsFirstAndABrokenOneIsReported() async throws {
        let repl = try await Prompt.start { folder in
            let config = folder.appendingPathComponent("config/athanor")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try ":set top 7\nlet greeting = \"hello from startup\"\n".write(
                to: config.appendingPathComponent("startup.ath"), atomically: true, encoding: .utf8)
            return [:]
        }
        try repl.expect("[3]> ", within: 60)
        repl.enter("greeting")
        try repl.expect("hello from startup")
        repl.enter(":set")
        let settings = try repl.expect("[5]> ")
        #expect(settings.contains("top          7"))
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)

        let broken = try await Prompt.start { folder in
            let config = folder.appendingPathComponent("config/athanor")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "let = 1\n".write(to: config.appendingPathComponent("startup.ath"), atomically: true, encoding: .utf8)
            return [:]
        }
        let banner = try broken.expect("[1]> ", within: 60)
        #expect(banner.contains("startup.ath:1:"))
        #expect(banner.contains("it was not run"))
        broken.enter(":quit")
        #expect(try broken.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func aDumbTerminalGetsNoEscapes() async throws {
        let repl = try await Prompt.start { _ in ["TERM": "dumb", "NO_COLOR": nil] }
        try repl.expect("[1]> ", within: 60)
        repl.enter("unknown_name")
        let error = try repl.expect("[2]> ")
        #expect(error.contains("unknown variable 'unknown_name'"))
        repl.enter(":help meta")
        let help = try repl.expect("[3]> ")
        #expect(!(error + help).contains("\u{1B}["), "no colour or cursor sequences")
        repl.enter(":quit")
        #expect(try repl.terminal.waitForExit(timeout: .seconds(10)) == 0)
    }
}
