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
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
        return text[start..<end]
    }
}
