import Foundation
import Synchronization

/// Where `csv(path)` and `jsonl(path)` get a file's text, and the record of what they read.
///
/// Every read is kept (`takeReads`) until its interpreter stores it with the session
/// (`RunStore.storeDataFiles`), so the session can be replayed without the file. In a replay,
/// a path the original session read is served from its stored copy and never from the disk: a
/// replay runs the rows the original ran, from any folder. When the file the original read (its
/// resolved path) now holds something else, a note says so; the stored copy is still the one used.
/// A path the original did not read (a session stored before v0009, or a new script of
/// `replay --with`) is read from disk as usual.
public final class DataFiles: Sendable {
    /// The largest data file read: it is held in memory whole, and stored with the session.
    public static let maximumBytes = 64 << 20

    /// The stored files of the session being replayed.
    public struct Replay: Sendable {
        public var sessionID: Int64
        public var files: [StoredDataFile]

        public init(sessionID: Int64, files: [StoredDataFile]) {
            self.sessionID = sessionID
            self.files = files
        }

        /// The copy of `path` to serve in cell `position`: the one that cell read, else the last one
        /// an earlier cell read, else the last one read (nil position: the last one read).
        func file(_ path: String, cell position: Int?) -> StoredDataFile? {
            let named = files.filter { $0.read.path == path }
            guard let position else { return named.last }
            if let same = named.last(where: { $0.cellPosition == position }) { return same }
            if let earlier = named.last(where: { ($0.cellPosition ?? 0) < position }) { return earlier }
            return named.last
        }
    }

    private struct State {
        var reads: [DataFileRead] = []
        var notes: [String] = []
        var noted: Set<String> = []
        var cell: Int?
        var servedFromStorage = 0
    }

    private let replay: Replay?
    private let state = Mutex(State())

    public init(replaying replay: Replay? = nil) {
        self.replay = replay
    }

    /// In a replay: the position of the original's cell now run again (whose reads are preferred).
    public func enter(cell position: Int?) {
        state.withLock { $0.cell = position }
    }

    /// How many reads were served from the replayed session's stored copies.
    public var servedFromStorage: Int { state.withLock { $0.servedFromStorage } }

    /// The reads since the last call, for the store; and the notes to show (each once per session,
    /// counted as shown only when `shown`, so a checking pass does not use them up).
    public func take(shown: Bool) -> (reads: [DataFileRead], notes: [String]) {
        state.withLock { state in
            var seen = state.noted
            let notes = state.notes.filter { seen.insert($0).inserted }
            if shown { state.noted = seen }
            defer { (state.reads, state.notes) = ([], []) }
            return (state.reads, notes)
        }
    }

    /// The text of the data file `path` (relative paths against `baseDirectory`), a byte-order mark
    /// included; recorded as read. Throws a sentence for the user.
    func text(_ path: String, baseDirectory: URL) throws(DataFileProblem) -> String {
        if let replay, let stored = replay.file(path, cell: state.withLock { $0.cell }) {
            let note = Self.change(of: stored, since: replay.sessionID)
            state.withLock {
                $0.reads.append(stored.read)
                $0.servedFromStorage += 1
                if let note { $0.notes.append(note) }
            }
            return stored.read.content
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= Self.maximumBytes else {
            throw DataFileProblem(
                "'\(path)' is \(Self.megabytes(size)), more than the \(Self.megabytes(Self.maximumBytes)) a data "
                    + "file may be (it is read whole and stored with the session)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            var message = "cannot read '\(path)' (looked for \(url.path))"
            if let replay {
                message +=
                    "; session \(replay.sessionID) kept no copy of it (sessions stored before schema v0009 kept "
                    + "none), so the replay reads it from disk"
            }
            throw DataFileProblem(message)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileProblem("'\(path)' is not UTF-8 text")
        }
        state.withLock { $0.reads.append(DataFileRead(path: path, resolvedPath: url.path, content: text)) }
        return text
    }

    /// A note when the file the original read now holds something else; nil when it is the same
    /// or gone (a replay needs it no longer).
    private static func change(of stored: StoredDataFile, since session: Int64) -> String? {
        guard let data = FileManager.default.contents(atPath: stored.read.resolvedPath),
            String(decoding: data, as: UTF8.self) != stored.read.content
        else { return nil }
        return
            "data file '\(stored.read.path)' (\(stored.read.resolvedPath)) changed since session \(session) read it; "
            + "the replay uses the stored copy (sha256 \(stored.sha256.prefix(12))…)"
    }

    private static func megabytes(_ bytes: Int) -> String {
        "\(Int((Double(bytes) / 1_048_576).rounded(.up))) MB"
    }
}

/// Why a data file could not be read, as a sentence.
struct DataFileProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
