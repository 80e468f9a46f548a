/// What the line editor knows when TAB is pressed: the text before the cursor.
///
/// Completion never looks past the cursor (as readline), so only the prefix is sent. The earlier lines of a
/// multi-line entry are included because they decide the context, e.g. the keys of a `sweep NAME {` block.
public struct TabCompletionRequest: Sendable, Hashable {
    /// The current line, from its start up to the cursor.
    public var line: String
    /// The entry's lines before the current one, oldest first; empty on the first line of an entry.
    public var earlierLines: [String]

    public init(line: String, earlierLines: [String] = []) {
        self.line = line
        self.earlierLines = earlierLines
    }
}
