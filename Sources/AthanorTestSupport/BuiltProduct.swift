import Foundation

/// Finds an executable this package built (`athanor`, `athanor-sim`), so tests drive the real
/// binaries exactly as a user runs them.
public enum BuiltProduct {
    public struct NotFound: Error, CustomStringConvertible {
        public var description: String
    }

    /// In `ATHANOR_BIN_DIR` when set, else beside the test bundle, else in `.build/debug`.
    public static func url(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["ATHANOR_BIN_DIR"] {
            candidates.append(URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        for bundle in [Bundle.main] + Bundle.allBundles {
            if let executable = bundle.executableURL {
                candidates.append(executable.deletingLastPathComponent().appendingPathComponent(name))
            }
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(
                description: "\(name) is not built; run 'swift build' first (looked in \(candidates.map(\.path)))")
        }
        return found
    }

    /// The package's root folder (where `Examples/` is).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
