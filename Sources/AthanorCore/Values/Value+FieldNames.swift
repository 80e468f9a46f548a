extension Value {
    /// The names `value.NAME` accepts, for TAB completion after a dot; empty for values without fields.
    /// The lists match `Fields`, which reports the same names when a field is misspelt.
    public var fieldNames: [String] {
        switch self {
        case .record(let record): record.keys
        case .model: ["name", "id", "params", "endpoint"]
        case .run: ["id", "name", "status", "results", "session"]
        case .result(let result): ResultNames.names(for: result)
        case .prompt: ["name"]
        default: []
        }
    }
}
