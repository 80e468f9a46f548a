import Foundation

/// `report --open`: hands the written file to the desktop's opener (`xdg-open`, or `open` on
/// macOS) and does not wait for the browser. A machine without one is told where the file is.
enum ReportOpener {
    static func open(_ path: String) {
        #if os(macOS)
            let opener = "open"
        #else
            let opener = "xdg-open"
        #endif
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard
            let executable = searchPath.split(separator: ":").map({ "\($0)/\(opener)" })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            StandardStreams.error(
                "athanor: cannot open the report: no '\(opener)' on PATH; open \(path) in a browser\n")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            StandardStreams.error("athanor: cannot open the report with \(opener): \(error.localizedDescription)\n")
        }
    }
}
