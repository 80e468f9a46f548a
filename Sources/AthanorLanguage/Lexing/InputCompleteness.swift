/// Decides whether an interactive entry is finished or continues onto the next line.
///
/// An entry continues while a bracket, brace or parenthesis, or a `"""` string, is still open.
/// An unterminated `"` string counts as complete: it cannot continue on the next line, so the
/// parser should report it now rather than keep the user typing.
public enum InputCompleteness {
    public static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(buffer: ScalarBuffer(text), recognizesCellMarkers: false)
        let output = lexer.lex()
        return output.openDelimiterCount == 0 && !output.endsInsideMultilineString
    }
}
