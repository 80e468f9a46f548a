import Foundation
import Testing

@testable import AthanorCore

/// `DataFiles`: reads recorded for the store; a replay serves the original's copies, never the disk.
@Suite struct DataFilesTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("datafiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func stored(_ content: String, cell: Int?, at path: String = "/nowhere/a.csv") -> StoredDataFile {
        StoredDataFile(
            cellPosition: cell, read: DataFileRead(path: "a.csv", resolvedPath: path, content: content),
            sha256: String(repeating: "0", count: 64))
    }

    @Test func aReadIsRecordedWithItsPathAsWrittenAndResolved() throws {
        let base = try folder()
        try "x\n1\n".write(to: base.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let files = DataFiles()
        #expect(try files.text("a.csv", baseDirectory: base) == "x\n1\n")
        let (reads, notes) = files.take(shown: true)
        #expect(reads == [DataFileRead(path: "a.csv", resolvedPath: base.path + "/a.csv", content: "x\n1\n")])
        #expect(notes.isEmpty)
        #expect(files.take(shown: true).reads.isEmpty, "taken once")
    }

    @Test func aReplayServesTheCopyOfTheSameCellElseAnEarlierOneAndNeverTheDisk() throws {
        let base = try folder()
        try "x\ndisk\n".write(to: base.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let files = DataFiles(
            replaying: .init(sessionID: 3, files: [stored("one", cell: 1), stored("three", cell: 3)]))
        files.enter(cell: 3)
        #expect(try files.text("a.csv", baseDirectory: base) == "three")
        files.enter(cell: 2)
        #expect(try files.text("a.csv", baseDirectory: base) == "one")
        files.enter(cell: nil)
        #expect(try files.text("a.csv", baseDirectory: base) == "three")
        #expect(files.servedFromStorage == 3)
        #expect(files.take(shown: true).reads.map(\.content) == ["three", "one", "three"])
    }

    @Test func aChangedFileIsNotedOnceAndTheStoredCopyUsed() throws {
        let base = try folder()
        let disk = base.appendingPathComponent("a.csv")
        try "x\nnew\n".write(to: disk, atomically: true, encoding: .utf8)
        let files = DataFiles(replaying: .init(sessionID: 3, files: [stored("x\nold\n", cell: 1, at: disk.path)]))
        #expect(try files.text("a.csv", baseDirectory: base) == "x\nold\n")
        #expect(files.take(shown: false).notes.count == 1, "a checking pass does not use the note up")
        _ = try files.text("a.csv", baseDirectory: base)
        #expect(
            files.take(shown: true).notes == [
                "data file 'a.csv' (\(disk.path)) changed since session 3 read it; "
                    + "the replay uses the stored copy (sha256 000000000000…)"
            ])
        _ = try files.text("a.csv", baseDirectory: base)
        #expect(files.take(shown: true).notes.isEmpty, "said once")
    }

    @Test func aSessionWithoutACopyReadsTheDiskAndSaysWhyWhenTheFileIsMissing() throws {
        let base = try folder()
        let files = DataFiles(replaying: .init(sessionID: 3, files: []))
        #expect {
            try files.text("gone.csv", baseDirectory: base)
        } throws: { error in
            (error as? DataFileProblem)?.message
                == "cannot read 'gone.csv' (looked for \(base.path)/gone.csv); session 3 kept no copy of it "
                + "(sessions stored before schema v0009 kept none), so the replay reads it from disk"
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let base = try folder()
        let big = base.appendingPathComponent("big.csv")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(DataFiles.maximumBytes + 1))  // sparse: nothing is written
        try handle.close()
        #expect {
            try DataFiles().text("big.csv", baseDirectory: base)
        } throws: { error in
            (error as? DataFileProblem)?.message
                == "'big.csv' is 65 MB, more than the 64 MB a data file may be (it is read whole and stored with "
                + "the session)"
        }
    }
}
