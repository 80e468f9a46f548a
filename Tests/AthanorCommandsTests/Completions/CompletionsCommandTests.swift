import AthanorTestSupport
import Foundation
import Testing

/// `athanor completions SHELL` is the completion script ArgumentParser generates, under the name
/// people look for.
@Suite struct CompletionsCommandTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func eachShellGetsTheGeneratedScriptWithEveryCommand(shell: String) async throws {
        let named = try await AthanorProcess.run(["completions", shell], environment: [:])
        let generated = try await AthanorProcess.run(["--generate-completion-script", shell], environment: [:])
        #expect(named.status == 0, "\(named.standardError)")
        #expect(named.standardOutput == generated.standardOutput)
        for word in ["worker", "watch", "enqueue", "completions"] {
            #expect(named.standardOutput.contains(word), "\(shell): \(word)")
        }
    }

    @Test func anUnknownShellIsAUsageError() async throws {
        let result = try await AthanorProcess.run(["completions", "tcsh"], environment: [:])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'zsh', 'bash' or 'fish'"), "\(result.standardError)")
    }
}
