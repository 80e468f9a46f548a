import AthanorTestSupport
import Foundation
import Testing

/// Meta-commands in a batch script: the same implementation as at the prompt.
@Suite struct MetaCommandScriptTests {
    @Test func quitEndsAScriptSuccessfullyAfterItsCell() async throws {
        let bench = try await Workbench.start()
        let path = try bench.script("quit.ath", "let a = 1\n:quit\nlet b = 2\n")
        let result = try await bench.athanor("run", path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try bench.scalar("SELECT count(*) FROM cells") == "2")
        #expect(try bench.scalar("SELECT status FROM sessions") == "completed")
    }

    @Test func promptOnlyCommandsFailClearlyAndSetIsChecked() async throws {
        let bench = try await Workbench.start()
        let save = try await bench.athanor("run", try bench.script("save.ath", ":save out.ath\n"))
        #expect(save.status == 2)
        #expect(save.standardError.contains(":save works only at the interactive prompt"))
        let set = try await bench.athanor("run", try bench.script("set.ath", ":set concurrency 0\n"))
        #expect(set.status == 2)
        #expect(set.standardError.contains("concurrency must be between 1 and 256"))
    }

    @Test func modelsAndSessionsPrintTables() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor("run", try bench.script("list.ath", ":models gpt\n:sessions\n"))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("openai/gpt-4o-mini"))
        #expect(!result.standardOutput.contains("gemini"))
        #expect(result.standardOutput.contains("script"))
        #expect(FileManager.default.fileExists(atPath: bench.home.path + "/.cache/athanor/models.json"))
    }
}
