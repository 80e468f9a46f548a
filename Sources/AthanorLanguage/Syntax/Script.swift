/// A parsed script: its cells in order.
public struct Script: Sendable, Hashable {
    public var file: SourceFile
    public var cells: [Cell]

    public init(file: SourceFile, cells: [Cell]) {
        self.file = file
        self.cells = cells
    }
}

/// One cell: the unit that runs, is stored, and is replayed.
///
/// A `# %% Title` line opens a cell; without markers every top-level statement is its own cell.
/// At the prompt each entry is one cell.
public struct Cell: Sendable, Hashable {
    /// The text after `# %%`, trimmed; nil when there is none.
    public var title: String?
    public var statements: [Statement]
    /// The cell's exact source text (its marker line excluded), as stored and replayed.
    public var source: String
    public var range: SourceRange

    public init(title: String?, statements: [Statement], source: String, range: SourceRange) {
        self.title = title
        self.statements = statements
        self.source = source
        self.range = range
    }
}
