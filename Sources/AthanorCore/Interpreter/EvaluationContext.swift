import AthanorLanguage
import Foundation

/// What evaluating an expression may need beyond its scope: the source (to quote expressions),
/// the script's folder (for `csv()`), and stored runs (for `run(ID)`).
struct EvaluationContext: Sendable {
    var file: SourceFile
    /// Relative paths in `csv()` and `jsonl()` are resolved against this folder.
    var baseDirectory: URL
    /// Where `csv()` and `jsonl()` read files, and what they read is recorded for the store.
    var dataFiles = DataFiles()
    var loadRun: @Sendable (Int64) async throws -> RunValue?

    /// The source text of a syntax node, for column headers and failure tables.
    func text(of range: SourceRange) -> String {
        let utf8 = file.text.utf8
        guard range.start.offset >= 0, range.end.offset <= utf8.count, range.start.offset <= range.end.offset else {
            return ""
        }
        let start = utf8.index(utf8.startIndex, offsetBy: range.start.offset)
        let end = utf8.index(utf8.startIndex, offsetBy: range.end.offset)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
