import AthanorCore
import AthanorLanguage

extension Diagnostic {
    /// The diagnostic as `athanor run --format json` gives it: what `DiagnosticRenderer` prints,
    /// as data. `line` and `column` count from 1 and are null when it has no place in the file.
    func jsonValue(in file: SourceFile) -> JSONValue {
        let located = range.start.line >= 1
        return [
            "severity": .string(severity.rawValue), "message": .string(message), "file": .string(file.name),
            "line": located ? .number(Double(range.start.line)) : .null,
            "column": located ? .number(Double(range.start.column)) : .null,
            "end_line": located ? .number(Double(range.end.line)) : .null,
            "end_column": located ? .number(Double(range.end.column)) : .null,
            "suggestion": JSONValue(suggestion), "notes": .array(notes.map(JSONValue.string)),
        ]
    }
}
