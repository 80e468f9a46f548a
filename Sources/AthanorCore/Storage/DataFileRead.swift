/// A data file `csv(path)` or `jsonl(path)` read, as it is stored with its session: the path as the
/// script wrote it, the file it named, and the text read (the file's bytes as UTF-8, a byte-order
/// mark included). The store keeps the text once per SHA-256.
public struct DataFileRead: Sendable, Hashable {
    public var path: String
    public var resolvedPath: String
    public var content: String

    public init(path: String, resolvedPath: String, content: String) {
        self.path = path
        self.resolvedPath = resolvedPath
        self.content = content
    }
}
