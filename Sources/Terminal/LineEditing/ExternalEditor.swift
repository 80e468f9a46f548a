import Foundation

/// Opens the user's editor on a text and returns what was saved: `$VISUAL`, else `$EDITOR`, else `vi`,
/// run by the shell on a private temporary `.ath` file, as psql's `\e` does.
public struct ExternalEditor: Sendable {
    /// The shell command, given the file's path as its last argument.
    public var command: String

    public init(command: String) {
        self.command = command
    }

    public static func configured(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ExternalEditor
    {
        let given = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return ExternalEditor(command: given ?? "vi")
    }

    /// Why editing failed, in a sentence.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The text after the editor exits; a failure when the file cannot be made or the editor fails.
    public func edit(_ text: String) throws(Failure) -> String {
        let folder = NSTemporaryDirectory() + "athanor-edit-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard mkdir(folder, 0o700) == 0 else {
            throw Failure(description: "could not make a folder for the editor: \(String(cString: strerror(errno)))")
        }
        let path = folder + "/cell.ath"
        defer {
            unlink(path)
            rmdir(folder)
        }
        do {
            try Data((text.hasSuffix("\n") || text.isEmpty ? text : text + "\n").utf8).write(
                to: URL(fileURLWithPath: path))
        } catch {
            throw Failure(description: "could not write \(path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "sh", path]
        do { try process.run() } catch {
            throw Failure(description: "could not start the editor '\(command)': \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(
                description: "the editor '\(command)' failed (status \(process.terminationStatus)); nothing runs")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "could not read \(path) back")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
