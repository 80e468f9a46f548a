extension SourceFile {
    /// A file read from bytes, and where its first byte that is not UTF-8 is, if it has one.
    ///
    /// A script that is not UTF-8 is an error rather than text with replacement characters in it,
    /// which would change string literals silently. The file still comes back (with U+FFFD for the
    /// bad bytes) so the error can show its line.
    public static func decoding(_ bytes: some Collection<UInt8>, name: String) -> (
        file: SourceFile, problem: Diagnostic?
    ) {
        let file = SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += UTF8.width(scalar)
            case .emptyInput:
                return (file, nil)
            case .error:
                let start = SourceLocation(line: line, column: column, offset: offset)
                // The bad byte shows as one U+FFFD, three bytes of the decoded text.
                let end = SourceLocation(line: line, column: column + 1, offset: offset + 3)
                return (file, .invalidUTF8(at: SourceRange(start: start, end: end)))
            }
        }
    }
}
