import Foundation

/// Where `export` writes its rows as they are made, 64 KB at a time: standard output, or a file
/// that takes its name only once complete (a failure part-way leaves no half file under that name,
/// and an older file there stays as it was).
final class ExportDestination {
    static let flushBytes = 1 << 16

    private var pending = ""
    private let file: (handle: FileHandle, temporary: String, path: String)?

    /// Standard output for nil; else a file beside `path`, renamed to it by `finish()`.
    init(path: String?) throws(InspectionError) {
        guard let path else {
            file = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        file = (handle, temporary, path)
    }

    deinit {
        if let file {
            try? file.handle.close()
            unlink(file.temporary)
        }
    }

    func write(_ text: String) throws(InspectionError) {
        pending += text
        if pending.utf8.count >= Self.flushBytes { try flush() }
    }

    /// Writes what is pending and gives the file its name.
    func finish() throws(InspectionError) {
        try flush()
        guard let file else { return }
        do {
            try file.handle.close()
        } catch {
            throw .cannotWrite(file.path, error.localizedDescription)
        }
        guard rename(file.temporary, file.path) == 0 else {
            throw .cannotWrite(file.path, String(cString: strerror(errno)))
        }
    }

    private func flush() throws(InspectionError) {
        guard !pending.isEmpty else { return }
        defer { pending = "" }
        guard let file else { return StandardStreams.out(pending) }
        do {
            try file.handle.write(contentsOf: Data(pending.utf8))
        } catch {
            throw .cannotWrite(file.path, error.localizedDescription)
        }
    }
}
