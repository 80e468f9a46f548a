import AthanorTestSupport
import Foundation

/// A Python 3 that imports pandas (Debian's `python3-pandas`), for tests that load an export the
/// way its users do. The first `python3` on PATH that can, else Debian's `/usr/bin/python3` (a
/// pyenv or venv `python3` earlier on PATH often has no pandas).
struct PythonPandas {
    let executable: URL

    /// Why the pandas tests are skipped where pandas cannot be installed.
    static let missing =
        "pandas is not installed for any python3: the pandas export tests are skipped (Scripts/test installs "
        + "Debian's 'python3-pandas' package; or run apt-get install python3-pandas)"

    static let installed: PythonPandas? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import pandas"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return PythonPandas(executable: process.executableURL!) }
        }
        return nil
    }()

    /// Runs `python3 -c PROGRAM ARGUMENTS…`.
    func run(_ program: String, _ arguments: String...) async throws -> AthanorProcess {
        try await AthanorProcess.run(
            ["-c", program] + arguments, environment: ["HOME": NSTemporaryDirectory()], executable: executable,
            timeout: .seconds(60))
    }
}
