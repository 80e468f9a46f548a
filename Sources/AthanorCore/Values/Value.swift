import AthanorLanguage

/// Every value a script can hold: the closed set the interpreter computes with.
public indirect enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
    case record(Record)
    case model(ModelHandle)
    case prompt(PromptHandle)
    case run(RunValue)
    case result(ResultValue)

    /// The name of the value's type, as error messages say it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .record: "record"
        case .model: "model"
        case .prompt: "prompt"
        case .run: "run"
        case .result: "result"
        }
    }

    /// Truthiness for `if`, `and`, `or`, `not` and assertions: only booleans qualify.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Whether this is a token as `tokens` gives them (`text`, `logprob`, `top`); `show` and the
    /// terminal present lists of those as a token table.
    public var isTokenRecord: Bool {
        if case .record(let r) = self { return r["text"] != nil && r["logprob"] != nil && r["top"] != nil }
        return false
    }

    public var listValue: [Value]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// A record: fields in the order they were written.
public struct Record: Sendable, Hashable {
    public private(set) var fields: [Field]

    public struct Field: Sendable, Hashable {
        public var key: String
        public var value: Value
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    public init(_ fields: [Field] = []) {
        self.fields = []
        for field in fields { self[field.key] = field.value }
    }

    public init(_ pairs: KeyValuePairs<String, Value>) {
        self.init(pairs.map { Field($0.key, $0.value) })
    }

    public var keys: [String] { fields.map(\.key) }
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of `key`; setting replaces in place or appends.
    public subscript(key: String) -> Value? {
        get { fields.first(where: { $0.key == key })?.value }
        set {
            if let i = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append(Field(key, newValue))
            }
        }
    }
}
