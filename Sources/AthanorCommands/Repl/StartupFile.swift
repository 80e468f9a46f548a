import AthanorCore
import AthanorLanguage
import Foundation

/// `~/.config/athanor/startup.ath` (`$XDG_CONFIG_HOME/athanor/startup.ath` when set): a script whose cells
/// run first in every prompt session, like psql's `~/.psqlrc`, e.g. `:set top 10` and the models used daily.
enum StartupFile {
    /// Where the file is looked for; a relative `XDG_CONFIG_HOME` is ignored, as the XDG spec says.
    static func path(environment: [String: String], home: String) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        return config + "/athanor/startup.ath"
    }

    /// The file's cells; none when there is no file; a sentence when it cannot be read or does not parse.
    static func load(from path: String) -> Result<(cells: [Cell], file: SourceFile), StartupFailure> {
        guard FileManager.default.fileExists(atPath: path) else {
            return .success(([], SourceFile(name: path, text: "")))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(StartupFailure(description: "could not read the startup file \(path)"))
        }
        let (file, problem) = SourceFile.decoding(data, name: path)
        if let problem {
            return .failure(StartupFailure(description: DiagnosticRenderer.render(problem, in: file, color: false)))
        }
        let parsed = Parser.parseScript(file)
        if let first = parsed.diagnostics.first {
            return .failure(StartupFailure(description: DiagnosticRenderer.render(first, in: file, color: false)))
        }
        return .success((parsed.script.cells, file))
    }

    /// Why the startup file was not run, in a sentence (with the located diagnostic when it does not parse).
    struct StartupFailure: Error, Sendable, CustomStringConvertible {
        var description: String
    }
}
