import AthanorTestSupport
import Foundation

/// Debian's `chromium` (or another Chromium on PATH), run headless on a report: its DOM after the
/// page's scripts ran, and screenshots. Each run gets a profile folder of its own, so tests (and
/// engineers) running Chromium at once do not share one.
struct HeadlessChromium {
    let executable: URL

    /// Why the browser tests are skipped where no Chromium can be installed.
    static let missing =
        "headless Chromium is not installed: the report's browser tests are skipped (Scripts/test installs Debian's "
        + "'chromium' package; or run apt-get install chromium)"

    /// The first of `chromium`, `chromium-browser`, `google-chrome` on PATH.
    static let installed: HeadlessChromium? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return HeadlessChromium(executable: candidate)
                }
            }
        }
        return nil
    }()

    /// The page's DOM as serialized once loaded (`--dump-dom`).
    func dumpDOM(_ file: String, fragment: String = "") async throws -> String {
        try await run(["--dump-dom", URL(fileURLWithPath: file).absoluteString + fragment]).standardOutput
    }

    /// A PNG of the page's first screen, `width`×`height`.
    func screenshot(_ file: String, fragment: String = "", to png: String, width: Int = 1200, height: Int = 900)
        async throws
    {
        _ = try await run([
            "--hide-scrollbars", "--screenshot=\(png)", "--window-size=\(width),\(height)",
            URL(fileURLWithPath: file).absoluteString + fragment,
        ])
    }

    private func run(_ arguments: [String]) async throws -> AthanorProcess {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        return try await AthanorProcess.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"]
                + arguments,
            environment: ["HOME": profile.path], executable: executable, timeout: .seconds(60))
    }
}
