import Foundation
import Testing

@testable import Terminal

@Suite struct CommandHistoryTests {
    let folder = NSTemporaryDirectory() + "athanor-history-\(UUID().uuidString)"
    var path: String { folder + "/state/athanor/history" }

    @Test func leadingSpaceAndBlankEntriesAreNotRecorded() throws {
        let history = try CommandHistory(path: nil)
        #expect(history.record("let x = 1"))
        #expect(!history.record(" let key = \"sk-secret\""))
        #expect(!history.record("\tlet key = 2"))
        #expect(!history.record(""))
        #expect(history.entries == ["let x = 1"])
    }

    @Test func aRepeatOfThePreviousEntryIsNotAdded() throws {
        let history = try CommandHistory(path: nil)
        for entry in ["a", "a", "b", "a"] { history.record(entry) }
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test func boundedToCapacity() throws {
        let history = try CommandHistory(path: nil, capacity: 3)
        for number in 1...5 { history.record("entry \(number)") }
        #expect(history.entries == ["entry 3", "entry 4", "entry 5"])
    }

    @Test func savedWithMode0600AndLoadedBackWithMultiLineEntriesWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = try CommandHistory(path: path)
        history.record("sweep s {\n  models: [llama]\n}")
        history.record(" secret")
        history.record("show \"héllo ✓\"")
        try history.save()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("secret"))

        let loaded = try CommandHistory(path: path)
        try loaded.load()
        #expect(loaded.entries == ["sweep s {\n  models: [llama]\n}", "show \"héllo ✓\""])
    }

    @Test func aSymbolicLinkInPlaceOfTheFileIsReplacedNotFollowed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let target = folder + "/precious"
        try "do not overwrite me\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        let history = try CommandHistory(path: path)
        history.record("show 1")
        try history.save()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "do not overwrite me\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["history"], "no file left beside it")
    }

    @Test func aMissingFileIsAFirstSession() throws {
        let history = try CommandHistory(path: path)
        try history.load()
        #expect(history.entries.isEmpty)
    }

    @Test func anUnwritableFolderIsATypedError() throws {
        let history = try CommandHistory(path: "/proc/athanor/history")
        history.record("x")
        #expect(throws: LineEditorError.self) { try history.save() }
    }

    @Test func defaultPathFollowsXDGStateHome() {
        #expect(
            LineEditor.defaultHistoryPath(environment: ["XDG_STATE_HOME": "/s"], home: "/h") == "/s/athanor/history")
        #expect(LineEditor.defaultHistoryPath(environment: [:], home: "/h") == "/h/.local/state/athanor/history")
        #expect(
            LineEditor.defaultHistoryPath(environment: ["XDG_STATE_HOME": "rel"], home: "/h")
                == "/h/.local/state/athanor/history", "a relative XDG path is invalid by the spec")
    }

    @Test func errorsReadAsSentences() {
        let error = LineEditorError(code: .historyUnwritable, path: "/x/history", systemError: EACCES)
        #expect(error.description == "could not save history to /x/history: Permission denied")
    }
}
