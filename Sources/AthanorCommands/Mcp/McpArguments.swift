import MCP

/// A tool call's arguments, read by name and type: a missing required argument, a value of the
/// wrong type or out of range, and an argument the tool does not take are each said in a sentence
/// that names the tool and the argument.
struct McpArguments {
    let tool: String
    let values: [String: Value]

    init(tool: String, values: [String: Value]?, accepted: [String]) throws(McpToolError) {
        self.tool = tool
        self.values = values ?? [:]
        for name in self.values.keys.sorted() where !accepted.contains(name) {
            let known = accepted.isEmpty ? "it takes none" : "it takes " + accepted.joined(separator: ", ")
            throw .invalid("\(tool) has no argument '\(name)'; \(known)")
        }
    }

    /// A whole number (a JSON number without a fraction), within `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(McpToolError) -> Int? {
        guard let value = values[name], !value.isNull else { return nil }
        let number: Int? =
            switch value {
            case .int(let int): int
            case .double(let double) where double.rounded() == double && abs(double) < 1e15: Int(double)
            default: nil
            }
        guard let number else {
            throw .invalid("\(tool): '\(name)' must be a whole number, not \(Self.describe(value))")
        }
        guard range.contains(number) else {
            let bound =
                range.upperBound == Int.max
                ? "\(range.lowerBound) or more" : "between \(range.lowerBound) and \(range.upperBound)"
            throw .invalid("\(tool): '\(name)' must be \(bound), not \(number)")
        }
        return number
    }

    func requiredInteger(_ name: String, in range: ClosedRange<Int>) throws(McpToolError) -> Int {
        guard let number = try integer(name, in: range) else { throw .invalid("\(tool) needs '\(name)'") }
        return number
    }

    /// A run id: a whole number, 1 or more.
    func runID(_ name: String = "run") throws(McpToolError) -> Int64 {
        Int64(try requiredInteger(name, in: 1...Int.max))
    }

    func number(_ name: String) throws(McpToolError) -> Double? {
        guard let value = values[name], !value.isNull else { return nil }
        switch value {
        case .int(let int): return Double(int)
        case .double(let double) where double.isFinite: return double
        default: throw .invalid("\(tool): '\(name)' must be a number, not \(Self.describe(value))")
        }
    }

    func bool(_ name: String) throws(McpToolError) -> Bool? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let bool = value.boolValue else {
            throw .invalid("\(tool): '\(name)' must be true or false, not \(Self.describe(value))")
        }
        return bool
    }

    func string(_ name: String) throws(McpToolError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw .invalid("\(tool): '\(name)' must be a string, not \(Self.describe(value))")
        }
        return string
    }

    func requiredString(_ name: String) throws(McpToolError) -> String {
        guard let string = try string(name) else { throw .invalid("\(tool) needs '\(name)'") }
        return string
    }

    /// One of an enumeration's raw values, naming them all when wrong.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type) throws(McpToolError) -> E?
    where E.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = E(rawValue: text.lowercased()) else {
            throw .invalid(
                "\(tool): '\(name)' must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'"
            )
        }
        return value
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .int(let int): "\(int)"
        case .double(let double): "\(double)"
        case .string(let string): "the string \"\(string.prefix(40))\""
        case .data: "binary data"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
