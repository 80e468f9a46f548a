/// The text of one script or one prompt entry, with the name diagnostics use for it.
public struct SourceFile: Sendable, Hashable {
    /// How diagnostics name the file: a path as the user typed it, or `<stdin>`, or `[3]` for a REPL cell.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of the 1-based line `number`, without its line break; nil past the end.
    ///
    /// Scans bytes, not characters: rendering a diagnostic near the end of a large file stays fast.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        for _ in 1..<number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
        }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
        return text[start..<end]
    }
}
