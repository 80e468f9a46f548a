import Foundation

/// What the session knows that completion can offer: bound names, fields, functions, model ids, files.
///
/// Given by the caller (the REPL loop) so the `Completer` stays pure and testable; the file system is reached
/// only through `listDirectory`, which tests replace.
public struct CompletionContext: Sendable {
    /// A name bound in the session and what it holds, e.g. `("llama", .model)`.
    public struct Binding: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case model, prompt, value, run }
        public var name: String
        public var kind: Kind
        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// One entry of a directory listing.
    public struct DirectoryEntry: Sendable, Hashable {
        public var name: String
        public var isDirectory: Bool
        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    public var bindings: [Binding]
    /// The fields after `base.`; `base` is the text before the dot, e.g. `r`, `r.results[0]` or `_`.
    public var fields: @Sendable (_ base: String) -> [String]
    public var functions: [String]
    /// OpenRouter model ids, e.g. `openai/gpt-4o-mini`.
    public var modelIDs: [String]
    /// Stored run ids, for `:show`, `:logs`, `:resume` and `:compare`.
    public var runIDs: [String]
    /// Relative paths in `csv("…")`, `jsonl("…")`, `:load` and `:save` start here (the script's folder).
    public var directory: String
    /// Where `~/` points.
    public var homeDirectory: String
    /// Lists an absolute directory path; empty when it cannot be read.
    public var listDirectory: @Sendable (_ path: String) -> [DirectoryEntry]

    public init(
        bindings: [Binding] = [],
        fields: @escaping @Sendable (String) -> [String] = { _ in [] },
        functions: [String] = [],
        modelIDs: [String] = [],
        runIDs: [String] = [],
        directory: String = FileManager.default.currentDirectoryPath,
        homeDirectory: String = NSHomeDirectory(),
        listDirectory: @escaping @Sendable (String) -> [DirectoryEntry] = CompletionContext.fileSystemListing
    ) {
        self.bindings = bindings
        self.fields = fields
        self.functions = functions
        self.modelIDs = modelIDs
        self.runIDs = runIDs
        self.directory = directory
        self.homeDirectory = homeDirectory
        self.listDirectory = listDirectory
    }

    /// The real file system; a symbolic link to a directory counts as a directory, as the shell shows it.
    public static func fileSystemListing(_ path: String) -> [DirectoryEntry] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else { return [] }
        return names.map { name in
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
        }
    }
}
