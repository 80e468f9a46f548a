import Foundation
import Testing

@testable import AthanorCommands

@Suite struct StartupFileTests {
    @Test func xdgConfigHomeWinsWhenAbsolute() {
        #expect(StartupFile.path(environment: [:], home: "/home/ada") == "/home/ada/.config/athanor/startup.ath")
        #expect(
            StartupFile.path(environment: ["XDG_CONFIG_HOME": "/cfg"], home: "/home/ada") == "/cfg/athanor/startup.ath")
        #expect(
            StartupFile.path(environment: ["XDG_CONFIG_HOME": "relative"], home: "/home/ada")
                == "/home/ada/.config/athanor/startup.ath")
    }

    @Test func noFileIsNoCellsAndABrokenFileIsALocatedSentence() throws {
        let missing = try StartupFile.load(from: "/nonexistent/athanor/startup.ath").get()
        #expect(missing.cells.isEmpty)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("startup-\(UUID().uuidString).ath")
        defer { try? FileManager.default.removeItem(at: path) }
        try "let = 1\n".write(to: path, atomically: true, encoding: .utf8)
        guard case .failure(let failure) = StartupFile.load(from: path.path) else {
            Issue.record("a broken file loaded")
            return
        }
        #expect(failure.description.contains(path.path + ":1:"))
    }
}
