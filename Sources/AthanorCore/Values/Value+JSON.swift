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

extension JSONWriter {
    /// Writes `value.jsonValue` (the same text) without building it: a record's fields sorted by
    /// name, the last of a repeated name kept.
    public mutating func write(_ value: Value) {
        switch value {
        case .list(let items):
            beginArray()
            for item in items { write(item) }
            endArray()
        case .record(let record):
            // Sorted by name; of a repeated name, the last is written.
            let fields =
                record.fields.count < 2
                ? record.fields
                : record.fields.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
                    .map(\.element)
            beginObject()
            for (i, field) in fields.enumerated() where i + 1 == fields.count || fields[i + 1].key != field.key {
                key(field.key)
                write(field.value)
            }
            endObject()
        case .null: write(.null as JSONValue)
        case .bool(let b): write(.bool(b) as JSONValue)
        case .number(let n): write(n)
        case .string(let s): write(s)
        default: write(value.jsonValue)
        }
    }
}
