/// Renders a diagnostic the way compilers do: location, severity and message, the source line,
/// a caret under the range, then "did you mean" and the notes.
///
/// ```
/// capitals.ath:12:9: error: unknown variable 'contry'
///    12 | assert capitals: contains(output, answers[contry])
///       |         ^~~~~~
///       = did you mean 'country'?
/// ```
/// Colour (ANSI bold and a colour per severity) is for terminals only; the caller decides.
public enum DiagnosticRenderer {
    /// The rendered text, without a final line break.
    public static func render(_ diagnostic: Diagnostic, in file: SourceFile, color: Bool) -> String {
        let style = Style(enabled: color)
        let start = diagnostic.range.start
        let location = start.line >= 1 ? "\(file.name):\(start.line):\(start.column):" : "\(file.name):"
        let severity = diagnostic.severity.rawValue + ":"
        var lines = [
            style.bold(location) + " " + style.colored(severity, for: diagnostic.severity) + " "
                + style.bold(diagnostic.message)
        ]
        let gutterWidth = max(4, String(start.line).count)
        let emptyGutter = String(repeating: " ", count: gutterWidth + 2)
        if let source = file.line(start.line) {
            let number = String(start.line)
            let paddedNumber = String(repeating: " ", count: gutterWidth - number.count) + number
            lines.append(style.gutter(" " + paddedNumber + " |") + " " + source)
            let marker = caret(under: source, range: diagnostic.range)
            lines.append(style.gutter(emptyGutter + "|") + " " + style.colored(marker, for: diagnostic.severity))
        }
        if let suggestion = diagnostic.suggestion {
            lines.append(style.gutter(emptyGutter + "=") + " did you mean '\(suggestion)'?")
        }
        for note in diagnostic.notes {
            lines.append(style.gutter(emptyGutter + "=") + " " + note)
        }
        return lines.joined(separator: "\n")
    }

    /// `^~~~` under the range's columns; tabs in the line are copied so the caret lines up.
    static func caret(under source: Substring, range: SourceRange) -> String {
        let scalars = Array(source.unicodeScalars)
        let startColumn = max(1, range.start.column)
        let endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        let width = max(1, endColumn - startColumn)
        var text = ""
        for column in 1..<startColumn {
            text += column <= scalars.count && scalars[column - 1] == "\t" ? "\t" : " "
        }
        return text + "^" + String(repeating: "~", count: width - 1)
    }

    private struct Style {
        let enabled: Bool

        func bold(_ text: String) -> String { wrap(text, "1") }

        func gutter(_ text: String) -> String { wrap(text, "1;34") }

        func colored(_ text: String, for severity: Diagnostic.Severity) -> String {
            switch severity {
            case .error: wrap(text, "1;31")
            case .warning: wrap(text, "1;35")
            case .note: wrap(text, "1;36")
            }
        }

        private func wrap(_ text: String, _ code: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
    }
}
