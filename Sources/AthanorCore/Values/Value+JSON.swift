/// Values to and from JSON, for storing variables and definitions and for `json(s)`/`jsonl(path)`.
///
/// Handles have no JSON form of their own: a model is stored as its name (which is what it
/// compares equal to), a run as `{"run_id": ID}`.
extension Value {
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(\.jsonValue))
        case .record(let record):
            .object(Dictionary(record.fields.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { _, b in b }))
        case .model(let model): .string(model.name)
        case .prompt(let prompt): .string(prompt.description)
        case .run(let run): ["run_id": .number(Double(run.id))]
        case .result(let result): .string(result.key)
        }
    }

    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(Value.init(json:)))
        case .object(let members):
            self = .record(Record(members.keys.sorted().map { Record.Field($0, Value(json: members[$0]!)) }))
        }
    }
}

extension Record {
    public var jsonValue: JSONValue { Value.record(self).jsonValue }
}
