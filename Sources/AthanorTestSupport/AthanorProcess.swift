import Foundation

/// Runs the built `athanor` binary to completion and keeps what it printed and its exit status.
public struct AthanorProcess: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String

    /// Runs `athanor ARGUMENTS` (or another `executable`) with exactly `environment` (plus PATH),
    /// in `directory`, feeding `input` on standard input. Gives up after `timeout`.
    public static func run(
        _ arguments: [String], environment: [String: String], input: String = "", directory: URL? = nil,
        executable: URL? = nil, timeout: Duration = .seconds(120)
    ) async throws -> AthanorProcess {
        let process = Process()
        process.executableURL = try executable ?? BuiltProduct.url("athanor")
        process.arguments = arguments
        var env = environment
        env["PATH"] = env["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs, so a full pipe never blocks it; on threads of
        // their own, since blocking reads would starve the cooperative pool.
        async let out = readToEnd(stdout.fileHandleForReading)
        async let err = readToEnd(stderr.fileHandleForReading)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TimedOut(arguments: arguments)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return AthanorProcess(
            status: process.terminationStatus, standardOutput: String(decoding: await out, as: UTF8.self),
            standardError: String(decoding: await err, as: UTF8.self))
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public var arguments: [String]
        public var description: String { "athanor \(arguments.joined(separator: " ")) did not finish in time" }
    }
}
